package io.ghanomaly.generator;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The accounts, organisations and repositories that exist in every generated hour, derived from the
 * seed alone so that an actor keeps its id, login and repositories from hour to hour.
 *
 * <p>An actor is referred to by an int: accounts of the population first (humans and custom bots),
 * then the named bots in {@link BotKind} order; larger refs are accounts created within one hour.
 */
final class ActorPopulation {
    /** Account ids stay below this, as real ones did in 2025 apart from the newest accounts. */
    private static final long ACCOUNT_ID_SPACE = 195_000_000L;

    /** Accounts created in a generated hour get ids from here on, above every other account. */
    static final long NEW_ACCOUNT_ID_BASE = 200_000_000L;

    private static final long REPO_ID_SPACE = 900_000_000L;
    private static final int REPO_SLOTS_PER_OWNER = 64;
    private static final int MAX_USER_REPOS = 12;
    private static final int MAX_ORGANISATION_REPOS = 40;
    private static final double ORGANISATION_MEMBER_SHARE = 0.45;

    private final long seed;
    private final int accounts;
    private final String[] logins;
    private final long[] ids;
    private final float[] activity;
    private final byte[] repoCounts;
    private final int[] organisationOf;
    private final boolean[] customBot;
    private final int[] humans;
    private final String[] organisationLogins;
    private final long[] organisationIds;
    private final byte[] organisationRepoCounts;
    private final long[] popularRepos;
    private final double[] popularCumulative;
    private final double[] botCumulative;
    private final int[] customBotAccounts;
    private final Set<String> takenLogins = new HashSet<>();
    private final long repoIdStride;

    ActorPopulation(long seed, int accounts) {
        this.seed = seed;
        this.accounts = accounts;
        SplittableRandom random = new SplittableRandom(StableHash.mix(seed, 0x5EED));
        for (int k = 0; k < BotKind.namedCount(); k++) {
            takenLogins.add(BotKind.named(k).login);
        }
        int customBots = Math.max(1, Math.min(400, accounts / 800));
        customBot = new boolean[accounts];
        customBotAccounts = new int[customBots];
        for (int k = 0; k < customBots; k++) {
            customBotAccounts[k] = (int) ((k + 0.5) * accounts / customBots);
            customBot[customBotAccounts[k]] = true;
        }
        int organisations = Math.max(10, accounts / 12);
        long idSpacing = ACCOUNT_ID_SPACE / accounts;
        long halfSlot = idSpacing / 2;
        logins = new String[accounts];
        ids = new long[accounts];
        activity = new float[accounts];
        repoCounts = new byte[accounts];
        organisationOf = new int[accounts];
        humans = new int[accounts - customBots];
        for (int i = 0, h = 0; i < accounts; i++) {
            logins[i] =
                    unique(
                            customBot[i]
                                    ? TextSource.customBotLogin(random)
                                    : TextSource.login(random),
                            random);
            ids[i] = avoidNamedBotIds(i * idSpacing + 1 + random.nextLong(halfSlot - 2));
            // Log-normal propensity: a few accounts are active nearly every hour, most rarely.
            activity[i] = (float) Math.exp(1.5 * random.nextGaussian());
            repoCounts[i] = (byte) geometric(random, 0.4, MAX_USER_REPOS);
            organisationOf[i] =
                    random.nextDouble() < ORGANISATION_MEMBER_SHARE
                            ? random.nextInt(organisations)
                            : -1;
            if (!customBot[i]) {
                humans[h++] = i;
            }
        }
        organisationLogins = new String[organisations];
        organisationIds = new long[organisations];
        organisationRepoCounts = new byte[organisations];
        for (int j = 0; j < organisations; j++) {
            organisationLogins[j] = unique(TextSource.organisationLogin(random), random);
            long slot = (long) j * accounts / organisations;
            organisationIds[j] =
                    avoidNamedBotIds(slot * idSpacing + halfSlot + random.nextLong(halfSlot - 2));
            organisationRepoCounts[j] = (byte) geometric(random, 0.12, MAX_ORGANISATION_REPOS);
        }
        repoIdStride =
                Math.max(
                        1,
                        REPO_ID_SPACE / ((long) (accounts + organisations) * REPO_SLOTS_PER_OWNER));
        int popular = Math.max(20, accounts / 100);
        popularRepos = new long[popular];
        double[] popularWeights = new double[popular];
        for (int p = 0; p < popular; p++) {
            if (random.nextDouble() < 0.55) {
                int organisation = random.nextInt(organisations);
                popularRepos[p] =
                        RepoRef.of(
                                RepoRef.ORG,
                                organisation,
                                random.nextInt(organisationRepoCounts[organisation]));
            } else {
                popularRepos[p] =
                        RepoRef.of(RepoRef.USER, humans[random.nextInt(humans.length)], 0);
            }
            popularWeights[p] = Math.pow(p + 1, -0.9);
        }
        popularCumulative = EventType.cumulative(popularWeights);
        double[] botWeights = new double[BotKind.namedCount() + customBots];
        for (int k = 0; k < BotKind.namedCount(); k++) {
            botWeights[k] = BotKind.named(k).shareOfBotEvents;
        }
        double customTotal = 0;
        for (int k = 0; k < customBots; k++) {
            customTotal += 1.0 / (k + 2);
        }
        for (int k = 0; k < customBots; k++) {
            botWeights[BotKind.namedCount() + k] =
                    BotKind.CUSTOM.shareOfBotEvents / (k + 2) / customTotal;
        }
        botCumulative = EventType.cumulative(botWeights);
    }

    int accountCount() {
        return accounts;
    }

    /** The first ref that is not an account of the population or a named bot. */
    int firstNewAccountRef() {
        return accounts + BotKind.namedCount();
    }

    boolean isLoginTaken(String login) {
        return takenLogins.contains(login);
    }

    String login(int actor) {
        return actor < accounts ? logins[actor] : BotKind.named(actor - accounts).login;
    }

    long accountId(int actor) {
        return actor < accounts ? ids[actor] : BotKind.named(actor - accounts).accountId;
    }

    /** The kind of bot behind an actor, or null for a human. */
    BotKind botKind(int actor) {
        if (actor < accounts) {
            return customBot[actor] ? BotKind.CUSTOM : null;
        }
        return BotKind.named(actor - accounts);
    }

    int organisationOf(int account) {
        return organisationOf[account];
    }

    String organisationLogin(int organisation) {
        return organisationLogins[organisation];
    }

    long organisationId(int organisation) {
        return organisationIds[organisation];
    }

    long ownRepo(int account, SplittableRandom random) {
        return RepoRef.of(RepoRef.USER, account, random.nextInt(repoCounts[account]));
    }

    int repoCount(int account) {
        return repoCounts[account];
    }

    long organisationRepo(int organisation, SplittableRandom random) {
        return RepoRef.of(
                RepoRef.ORG, organisation, random.nextInt(organisationRepoCounts[organisation]));
    }

    long randomOrganisationRepo(SplittableRandom random) {
        return organisationRepo(random.nextInt(organisationLogins.length), random);
    }

    long randomUserRepo(SplittableRandom random) {
        return ownRepo(randomHuman(random), random);
    }

    /** A repository that draws stars, forks and issues from many actors; a few draw most. */
    long popularRepo(SplittableRandom random) {
        return popularRepos[pick(popularCumulative, random)];
    }

    int randomHuman(SplittableRandom random) {
        return humans[random.nextInt(humans.length)];
    }

    /** Picks the bot behind one bot event: github-actions most often, custom bots rarely. */
    int randomBot(SplittableRandom random) {
        int k = pick(botCumulative, random);
        return k < BotKind.namedCount()
                ? accounts + k
                : customBotAccounts[k - BotKind.namedCount()];
    }

    /**
     * Draws the humans active in an hour, the more active ones more likely, ordered from most to
     * least active: weighted sampling without replacement by exponential keys.
     */
    int[] activeHumans(SplittableRandom random, int count) {
        long[] keyed = new long[humans.length];
        for (int h = 0; h < humans.length; h++) {
            int account = humans[h];
            float key = (float) (-Math.log(1.0 - random.nextDouble()) / activity[account]);
            // A non-negative float's bits sort like the float, so key and account fit one long.
            keyed[h] = ((long) Float.floatToIntBits(key) << 32) | account;
        }
        Arrays.sort(keyed);
        int[] active = new int[Math.min(count, humans.length)];
        for (int r = 0; r < active.length; r++) {
            active[r] = (int) keyed[r];
        }
        return active;
    }

    long repoHash(long repo) {
        return StableHash.mix(seed, repo, 0xBEEF);
    }

    long repoId(long repo) {
        long owner =
                RepoRef.kind(repo) == RepoRef.ORG
                        ? accounts + RepoRef.owner(repo)
                        : RepoRef.owner(repo);
        long slot = owner * REPO_SLOTS_PER_OWNER + RepoRef.ordinal(repo);
        return 1_000 + slot * repoIdStride + Math.floorMod(repoHash(repo), repoIdStride);
    }

    String repoName(long repo) {
        return TextSource.repoName(repoHash(repo));
    }

    private static int pick(double[] cumulative, SplittableRandom random) {
        double target = random.nextDouble() * cumulative[cumulative.length - 1];
        int index = Arrays.binarySearch(cumulative, target);
        return Math.min(index < 0 ? -index - 1 : index + 1, cumulative.length - 1);
    }

    private String unique(String login, SplittableRandom random) {
        String candidate = login;
        while (!takenLogins.add(candidate)) {
            String base = login.endsWith("[bot]") ? login.substring(0, login.length() - 5) : login;
            String suffix = login.endsWith("[bot]") ? "[bot]" : "";
            candidate = base + random.nextInt(1, 1000) + suffix;
        }
        return candidate;
    }

    private static long avoidNamedBotIds(long id) {
        for (int k = 0; k < BotKind.namedCount(); k++) {
            if (BotKind.named(k).accountId == id) {
                return id + 1;
            }
        }
        return id;
    }

    private static int geometric(SplittableRandom random, double stopChance, int max) {
        int count = 1;
        while (count < max && random.nextDouble() >= stopChance) {
            count++;
        }
        return count;
    }
}
