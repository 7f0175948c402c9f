package io.ghanomaly.generator;

import io.ghanomaly.core.label.GroundTruthLabel;
import io.ghanomaly.core.label.PlantedBehaviour;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/** Plants the labelled anomalous behaviours of one hour into its plan. */
final class BehaviourPlanter {
    private final GeneratorConfig config;
    private final HourPlan plan;
    private final ActorPopulation population;
    private final SplittableRandom random;
    private final List<GroundTruthLabel> labels;
    private final BitSet claimedAccounts = new BitSet();
    private final int[] plantedByType = new int[EventType.count()];

    BehaviourPlanter(
            GeneratorConfig config,
            HourPlan plan,
            SplittableRandom random,
            List<GroundTruthLabel> labels) {
        this.config = config;
        this.plan = plan;
        this.population = plan.population;
        this.random = random;
        this.labels = labels;
    }

    /**
     * Plants a {@link Shift#SPAM_WAVE}: {@code accounts} brand-new accounts, each opening 3-8
     * issues on other people's repositories and commenting on 1-4 of them within 10 minutes. Not
     * labelled: a shift of the hour, not a planted actor.
     */
    void spamWave(int accounts) {
        for (int a = 0; a < accounts; a++) {
            String login = TextSource.login(random);
            while (population.isLoginTaken(login) || plan.isNewAccountLogin(login)) {
                login = TextSource.login(random);
            }
            int actor = plan.addNewAccount(login, new String[0]);
            long[] targets = distinctOtherRepos(random.nextInt(3, 9));
            int start = random.nextInt(3600 - 600);
            for (long target : targets) {
                add(start + random.nextInt(600), EventType.ISSUES, actor, target);
            }
            for (int c = random.nextInt(1, 5); c > 0; c--) {
                long target = targets[random.nextInt(targets.length)];
                add(start + random.nextInt(600), EventType.ISSUE_COMMENT, actor, target);
            }
        }
    }

    /** Plants every behaviour the configured number of times; returns event counts by type. */
    int[] plantAll() {
        for (PlantedBehaviour behaviour : PlantedBehaviour.values()) {
            for (int k = 0; k < config.plantsPerBehaviour(); k++) {
                switch (behaviour) {
                    case PUSH_BURST -> pushBurst();
                    case STAR_FORK_RING -> starForkRing();
                    case PR_SPAM -> pullRequestSpam();
                    case ISSUE_SPAM -> issueSpam();
                    case REPO_CREATION_SPREE -> repoCreationSpree();
                }
            }
        }
        return plantedByType.clone();
    }

    private void pushBurst() {
        int actor = claimHuman();
        int repoCount = Math.min(random.nextInt(1, 4), population.repoCount(actor));
        int firstOrdinal = random.nextInt(population.repoCount(actor));
        int pushes = random.nextInt(200, 601);
        // At most 290 s, so the burst stays within 5 minutes even if a timestamp steps back.
        int window = random.nextInt(120, 291);
        int start = random.nextInt(3600 - window);
        for (int i = 0; i < pushes; i++) {
            int ordinal = (firstOrdinal + random.nextInt(repoCount)) % population.repoCount(actor);
            add(
                    start + random.nextInt(window),
                    EventType.PUSH,
                    actor,
                    RepoRef.of(RepoRef.USER, actor, ordinal));
        }
        label(actor, PlantedBehaviour.PUSH_BURST);
    }

    private void starForkRing() {
        int[] members = new int[random.nextInt(5, 16)];
        for (int m = 0; m < members.length; m++) {
            members[m] = claimHuman();
        }
        long[] targets = distinctOtherRepos(random.nextInt(30, 101));
        int window = random.nextInt(120, 481);
        int start = random.nextInt(3600 - window);
        for (int member : members) {
            for (long target : targets) {
                int roll = random.nextInt(100);
                if (roll < 85) {
                    add(start + random.nextInt(window), EventType.WATCH, member, target);
                }
                if (roll >= 65) {
                    add(start + random.nextInt(window), EventType.FORK, member, target);
                }
            }
            label(member, PlantedBehaviour.STAR_FORK_RING);
        }
    }

    private void pullRequestSpam() {
        int actor = claimHuman();
        long[] targets = distinctOtherRepos(random.nextInt(50, 201));
        int window = random.nextInt(600, 1801);
        int start = random.nextInt(3600 - window);
        for (long target : targets) {
            add(start + random.nextInt(window), EventType.PULL_REQUEST, actor, target);
        }
        label(actor, PlantedBehaviour.PR_SPAM);
    }

    private void issueSpam() {
        int actor = claimHuman();
        long[] targets = distinctOtherRepos(random.nextInt(50, 201));
        int window = random.nextInt(600, 1801);
        int start = random.nextInt(3600 - window);
        for (long target : targets) {
            add(start + random.nextInt(window), EventType.ISSUES, actor, target);
        }
        int comments = targets.length / 2 + random.nextInt(targets.length / 2 + 1);
        for (int c = 0; c < comments; c++) {
            long target = targets[random.nextInt(targets.length)];
            add(start + random.nextInt(window), EventType.ISSUE_COMMENT, actor, target);
        }
        label(actor, PlantedBehaviour.ISSUE_SPAM);
    }

    private void repoCreationSpree() {
        String login = TextSource.login(random);
        while (population.isLoginTaken(login) || plan.isNewAccountLogin(login)) {
            login = TextSource.login(random);
        }
        String[] names = new String[random.nextInt(20, 61)];
        Set<String> seen = new HashSet<>();
        for (int r = 0; r < names.length; r++) {
            String name = TextSource.repoName(random.nextLong());
            while (!seen.add(name)) {
                name = TextSource.repoName(random.nextLong());
            }
            names[r] = name;
        }
        int actor = plan.addNewAccount(login, names);
        int owner = actor - population.firstNewAccountRef();
        int window = random.nextInt(300, 1201);
        int start = random.nextInt(3600 - window);
        for (int r = 0; r < names.length; r++) {
            // Sorted seconds keep each repository's creation in the order of its id.
            add(
                    start + r * window / names.length,
                    EventType.CREATE,
                    actor,
                    RepoRef.of(RepoRef.NEW_ACCOUNT, owner, r));
        }
        label(actor, PlantedBehaviour.REPO_CREATION_SPREE);
    }

    /**
     * Repositories of distinct owners, none of them an actor planted so far (one planted later may
     * own one; labels are per acting actor, so that does not blur them).
     */
    private long[] distinctOtherRepos(int count) {
        long[] repos = new long[count];
        BitSet owners = new BitSet();
        for (int i = 0; i < count; i++) {
            int owner = population.randomHuman(random);
            while (owners.get(owner) || claimedAccounts.get(owner)) {
                owner = population.randomHuman(random);
            }
            owners.set(owner);
            repos[i] = population.ownRepo(owner, random);
        }
        return repos;
    }

    /** A human of the population not yet planted in this hour. */
    private int claimHuman() {
        int account = population.randomHuman(random);
        while (claimedAccounts.get(account)) {
            account = population.randomHuman(random);
        }
        claimedAccounts.set(account);
        return account;
    }

    private void add(int second, EventType type, int actor, long repo) {
        plan.add(second, type, actor, repo, true);
        plantedByType[type.code()]++;
    }

    private void label(int actor, PlantedBehaviour behaviour) {
        labels.add(new GroundTruthLabel(plan.login(actor), plan.hourStart, behaviour));
    }
}
