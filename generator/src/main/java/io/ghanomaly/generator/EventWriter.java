package io.ghanomaly.generator;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.SplittableRandom;

/**
 * Writes a planned hour as GH Archive JSON lines: one object a line, with the envelope fields in
 * the archive's order (id, type, actor, repo, payload, public, created_at, org).
 */
final class EventWriter {
    /** Event ids of an hour come from a block of this size, so ids rise from hour to hour. */
    private static final long IDS_PER_HOUR = 2_000_000L;

    /** Late events took ids at the end of the previous hour's block. */
    private static final long LATE_ID_OFFSET = 1_900_000L;

    private static final int EARLIEST_SECOND = -30;

    private final JsonGenerator json;
    private final HourPlan plan;
    private final SplittableRandom random;
    private final GitHubObjectWriter objects;
    private final PayloadWriter payloads;
    private final EventContext event = new EventContext();
    private final String[] timestamps = new String[3600 - EARLIEST_SECOND];
    private final TextBuffer scratch = new TextBuffer();

    EventWriter(JsonGenerator json, HourPlan plan, SplittableRandom random) {
        this.json = json;
        this.plan = plan;
        this.random = random;
        this.objects = new GitHubObjectWriter(json, random);
        this.payloads = new PayloadWriter(objects, plan);
        for (int s = 0; s < timestamps.length; s++) {
            timestamps[s] = plan.hourStart.plusSeconds(s + EARLIEST_SECOND).toString();
        }
    }

    void writeAll() throws IOException {
        int size = plan.size();
        // Real ids rise by about 4 per event; smaller steps keep a huge hour inside its block.
        long meanStep = Math.max(1, Math.min(4, IDS_PER_HOUR * 9 / 10 / Math.max(1, size)));
        long id = plan.hourIndex * IDS_PER_HOUR;
        long lateId = (plan.hourIndex - 1) * IDS_PER_HOUR + LATE_ID_OFFSET;
        for (int i = 0; i < size; i++) {
            long eventId;
            if (plan.second(i) < 0) {
                lateId += 1 + random.nextInt(3);
                eventId = lateId;
            } else {
                id += 1 + random.nextLong(2 * meanStep - 1);
                eventId = id;
            }
            writeEvent(i, eventId);
        }
    }

    private void writeEvent(int index, long eventId) throws IOException {
        loadContext(index);
        json.writeStartObject();
        scratch.clear().append(eventId).writeField(json, "id");
        json.writeStringField("type", event.type.archiveName);
        writeActor();
        json.writeObjectFieldStart("repo");
        json.writeNumberField("id", event.repo.id);
        json.writeStringField("name", event.repo.fullName);
        scratch.clear().append(GitHubObjectWriter.API_REPOS).append(event.repo.fullName);
        scratch.writeField(json, "url");
        json.writeEndObject();
        int organisation = plan.organisation(event.repoRef);
        json.writeFieldName("payload");
        payloads.write(event);
        json.writeBooleanField("public", true);
        json.writeStringField("created_at", event.createdAt);
        if (organisation >= 0) {
            writeOrganisation(organisation);
        }
        json.writeEndObject();
        json.writeRaw('\n');
    }

    private void loadContext(int index) {
        int actor = plan.actor(index);
        int second = plan.second(index);
        event.type = plan.type(index);
        event.actor = actor;
        event.actorLogin = plan.login(actor);
        event.actorId = plan.accountId(actor);
        event.bot = plan.botKind(actor);
        event.repoRef = plan.repo(index);
        event.repo.load(plan, event.repoRef);
        event.createdAt = timestamps[second - EARLIEST_SECOND];
        event.epochSecond = plan.hourStart.getEpochSecond() + second;
        event.planted = plan.isPlanted(index);
        int organisation = plan.organisation(event.repoRef);
        event.actorIsMemberOfRepoOrganisation =
                organisation >= 0
                        && actor < plan.population.accountCount()
                        && plan.population.organisationOf(actor) == organisation;
    }

    private void writeActor() throws IOException {
        String login = event.actorLogin;
        json.writeObjectFieldStart("actor");
        json.writeNumberField("id", event.actorId);
        json.writeStringField("login", login);
        // Bots show their login without the "[bot]" suffix as display_login.
        json.writeFieldName("display_login");
        scratch.clear().append(login);
        if (login.endsWith("[bot]")) {
            scratch.truncate(login.length() - "[bot]".length());
        }
        scratch.writeTo(json);
        json.writeStringField("gravatar_id", "");
        scratch.clear().append(GitHubObjectWriter.API_USERS).append(login).writeField(json, "url");
        scratch.clear().append(GitHubObjectWriter.AVATARS).append(event.actorId).append('?');
        scratch.writeField(json, "avatar_url");
        json.writeEndObject();
    }

    private void writeOrganisation(int organisation) throws IOException {
        String login = plan.population.organisationLogin(organisation);
        long id = plan.population.organisationId(organisation);
        json.writeObjectFieldStart("org");
        json.writeNumberField("id", id);
        json.writeStringField("login", login);
        json.writeStringField("gravatar_id", "");
        scratch.clear().append("https://api.github.com/orgs/").append(login);
        scratch.writeField(json, "url");
        scratch.clear().append(GitHubObjectWriter.AVATARS).append(id).append('?');
        scratch.writeField(json, "avatar_url");
        json.writeEndObject();
    }
}
