package io.ghanomaly.generator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The events of one hour before they are written: who does what to which repository and when, plus
 * the accounts created within the hour. Kept in parallel primitive arrays because an hour has 170k
 * events.
 */
final class HourPlan {
    /** Repositories created within an hour get ids from here on, above all older ones. */
    private static final long FRESH_REPO_ID_BASE = 905_000_000L;

    private static final int FRESH_REPO_IDS_PER_HOUR = 100_000;
    private static final int NEW_ACCOUNT_REPO_SLOTS = 64;

    /** Ids of accounts created in an hour come from a block of this size (a spam wave's). */
    static final int NEW_ACCOUNTS_PER_HOUR = 8192;

    final ActorPopulation population;
    final Instant hourStart;
    final long hourIndex;

    /** PushEvents carry no commit counts (see {@link Shift#PUSH_COMMITS_DROPPED}). */
    boolean pushCommitsDropped;

    private int size;
    private int[] seconds = new int[1024];
    private byte[] types = new byte[1024];
    private int[] actors = new int[1024];
    private long[] repos = new long[1024];
    private boolean[] planted = new boolean[1024];

    private final List<String> newAccountLogins = new ArrayList<>();
    private final Set<String> newAccountLoginSet = new HashSet<>();
    private final List<String[]> newAccountRepoNames = new ArrayList<>();

    HourPlan(ActorPopulation population, Instant hourStart) {
        this.population = population;
        this.hourStart = hourStart;
        this.hourIndex = hourStart.getEpochSecond() / 3600;
    }

    /**
     * Adds an event at a second of the hour; negative seconds belong to the previous hour's end.
     */
    void add(int second, EventType type, int actor, long repo, boolean isPlanted) {
        if (size == seconds.length) {
            int capacity = size * 2;
            seconds = Arrays.copyOf(seconds, capacity);
            types = Arrays.copyOf(types, capacity);
            actors = Arrays.copyOf(actors, capacity);
            repos = Arrays.copyOf(repos, capacity);
            planted = Arrays.copyOf(planted, capacity);
        }
        seconds[size] = second;
        types[size] = (byte) type.code();
        actors[size] = actor;
        repos[size] = repo;
        planted[size] = isPlanted;
        size++;
    }

    /** Registers an account created in this hour, with the repositories it will create. */
    int addNewAccount(String login, String[] repoNames) {
        if (repoNames.length > NEW_ACCOUNT_REPO_SLOTS) {
            throw new IllegalArgumentException("a new account gets at most 64 repositories");
        }
        if (newAccountLogins.size() == NEW_ACCOUNTS_PER_HOUR) {
            throw new IllegalStateException("an hour creates at most 8192 accounts");
        }
        newAccountLogins.add(login);
        newAccountLoginSet.add(login);
        newAccountRepoNames.add(repoNames.clone());
        return population.firstNewAccountRef() + newAccountLogins.size() - 1;
    }

    boolean isNewAccountLogin(String login) {
        return newAccountLoginSet.contains(login);
    }

    /** Orders events by second, keeping the order of addition within a second. */
    void sortByTime() {
        long[] keys = new long[size];
        for (int i = 0; i < size; i++) {
            // Seconds run from -30 to 3599; the offset keeps the key's sign bit clear.
            keys[i] = ((long) (seconds[i] + 64) << 32) | i;
        }
        Arrays.sort(keys);
        int[] sortedSeconds = new int[size];
        byte[] sortedTypes = new byte[size];
        int[] sortedActors = new int[size];
        long[] sortedRepos = new long[size];
        boolean[] sortedPlanted = new boolean[size];
        for (int i = 0; i < size; i++) {
            int from = (int) keys[i];
            sortedSeconds[i] = seconds[from];
            sortedTypes[i] = types[from];
            sortedActors[i] = actors[from];
            sortedRepos[i] = repos[from];
            sortedPlanted[i] = planted[from];
        }
        seconds = sortedSeconds;
        types = sortedTypes;
        actors = sortedActors;
        repos = sortedRepos;
        planted = sortedPlanted;
    }

    /** Moves an event's timestamp back without moving it in the file, as the archive does. */
    void showEarlier(int event, int bySeconds) {
        seconds[event] = Math.max(0, seconds[event] - bySeconds);
    }

    int size() {
        return size;
    }

    int second(int event) {
        return seconds[event];
    }

    EventType type(int event) {
        return EventType.ofCode(types[event]);
    }

    int actor(int event) {
        return actors[event];
    }

    long repo(int event) {
        return repos[event];
    }

    boolean isPlanted(int event) {
        return planted[event];
    }

    String login(int actor) {
        int newAccount = actor - population.firstNewAccountRef();
        return newAccount < 0 ? population.login(actor) : newAccountLogins.get(newAccount);
    }

    long accountId(int actor) {
        int newAccount = actor - population.firstNewAccountRef();
        if (newAccount < 0) {
            return population.accountId(actor);
        }
        return ActorPopulation.NEW_ACCOUNT_ID_BASE
                + Math.floorMod(hourIndex, 10_000_000L) * NEW_ACCOUNTS_PER_HOUR
                + newAccount;
    }

    /** The kind of bot behind an actor, or null for a human. */
    BotKind botKind(int actor) {
        return actor < population.firstNewAccountRef() ? population.botKind(actor) : null;
    }

    long repoId(long repo) {
        if (RepoRef.kind(repo) != RepoRef.NEW_ACCOUNT) {
            return population.repoId(repo);
        }
        return freshRepoIdBase()
                + (long) RepoRef.owner(repo) * NEW_ACCOUNT_REPO_SLOTS
                + RepoRef.ordinal(repo);
    }

    /**
     * The first id for repositories forked in this hour; ids of repositories that new accounts
     * create come below it.
     */
    long firstForkRepoId() {
        return freshRepoIdBase()
                + (long) NEW_ACCOUNT_REPO_SLOTS * GeneratorConfig.MAX_PLANTS_PER_BEHAVIOUR;
    }

    /** The last id this hour may give a forked repository. */
    long lastForkRepoId() {
        return freshRepoIdBase() + FRESH_REPO_IDS_PER_HOUR - 1;
    }

    long repoHash(long repo) {
        if (RepoRef.kind(repo) == RepoRef.NEW_ACCOUNT) {
            // A new account's repositories are new in every hour; all others keep their traits.
            return population.repoHash(StableHash.mix(repo, hourIndex));
        }
        return population.repoHash(repo);
    }

    /** The repository's name without its owner. */
    String repoName(long repo) {
        if (RepoRef.kind(repo) == RepoRef.NEW_ACCOUNT) {
            return newAccountRepoNames.get(RepoRef.owner(repo))[RepoRef.ordinal(repo)];
        }
        return population.repoName(repo);
    }

    String repoOwnerLogin(long repo) {
        return switch (RepoRef.kind(repo)) {
            case RepoRef.USER -> population.login(RepoRef.owner(repo));
            case RepoRef.ORG -> population.organisationLogin(RepoRef.owner(repo));
            default -> newAccountLogins.get(RepoRef.owner(repo));
        };
    }

    long repoOwnerId(long repo) {
        return switch (RepoRef.kind(repo)) {
            case RepoRef.USER -> population.accountId(RepoRef.owner(repo));
            case RepoRef.ORG -> population.organisationId(RepoRef.owner(repo));
            default -> accountId(population.firstNewAccountRef() + RepoRef.owner(repo));
        };
    }

    /** The organisation that owns the repository, or -1 if a user does. */
    int organisation(long repo) {
        return RepoRef.kind(repo) == RepoRef.ORG ? RepoRef.owner(repo) : -1;
    }

    private long freshRepoIdBase() {
        return FRESH_REPO_ID_BASE + Math.floorMod(hourIndex, 100_000L) * FRESH_REPO_IDS_PER_HOUR;
    }
}
