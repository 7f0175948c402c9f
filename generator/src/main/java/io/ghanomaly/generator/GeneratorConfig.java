package io.ghanomaly.generator;

/**
 * What the generator of synthetic GH Archive hours needs to know: the same config and hour always
 * give the same file.
 *
 * @param seed mixed with each hour to seed that hour's randomness; also fixes the population
 * @param eventsPerHour events in one hour file (more only when the planted behaviours alone need
 *     more room than the hour has)
 * @param activeActorsPerHour human accounts with at least one ordinary event in an hour
 * @param actorPopulation accounts that exist across all hours; an active actor of one hour comes
 *     back in later hours with the same id and login
 * @param botEventShare share of an hour's events made by bot accounts
 * @param lateEventShare share of an hour's events that happened in the last 30 seconds of the
 *     previous hour and sit at the start of the file, as in the real archive
 * @param plantsPerBehaviour how many times each {@link io.ghanomaly.core.label.PlantedBehaviour} is
 *     planted per hour
 */
public record GeneratorConfig(
        long seed,
        int eventsPerHour,
        int activeActorsPerHour,
        int actorPopulation,
        double botEventShare,
        double lateEventShare,
        int plantsPerBehaviour) {

    /** The most events one hour file may be asked for. */
    public static final int MAX_EVENTS_PER_HOUR = 1_000_000;

    /** The largest population; account ids must stay below those of brand-new accounts. */
    public static final int MAX_ACTOR_POPULATION = 10_000_000;

    /** The smallest population, so every planted behaviour finds enough distinct accounts. */
    public static final int MIN_ACTOR_POPULATION = 1_000;

    /** The most plants per behaviour and hour. */
    public static final int MAX_PLANTS_PER_BEHAVIOUR = 20;

    public GeneratorConfig {
        requireBetween("eventsPerHour", eventsPerHour, 1, MAX_EVENTS_PER_HOUR);
        requireBetween(
                "actorPopulation", actorPopulation, MIN_ACTOR_POPULATION, MAX_ACTOR_POPULATION);
        int maxActive = actorPopulation / 10 * 9;
        if (activeActorsPerHour < 1 || activeActorsPerHour > maxActive) {
            throw new IllegalArgumentException(
                    "activeActorsPerHour must be between 1 and 90% of actorPopulation ("
                            + maxActive
                            + " of "
                            + actorPopulation
                            + "), was "
                            + activeActorsPerHour
                            + "; raise actorPopulation first if you need more");
        }
        requireShare("botEventShare", botEventShare, 0.9);
        requireShare("lateEventShare", lateEventShare, 0.1);
        requireBetween("plantsPerBehaviour", plantsPerBehaviour, 0, MAX_PLANTS_PER_BEHAVIOUR);
    }

    /** The shape of a real 2025 hour: 170k events by 60k actors, a fifth of them by bots. */
    public static GeneratorConfig defaults() {
        return new GeneratorConfig(42L, 170_000, 60_000, 250_000, 0.20, 0.0001, 3);
    }

    public GeneratorConfig withSeed(long newSeed) {
        return new GeneratorConfig(
                newSeed,
                eventsPerHour,
                activeActorsPerHour,
                actorPopulation,
                botEventShare,
                lateEventShare,
                plantsPerBehaviour);
    }

    public GeneratorConfig withEventsPerHour(int newEventsPerHour) {
        return new GeneratorConfig(
                seed,
                newEventsPerHour,
                activeActorsPerHour,
                actorPopulation,
                botEventShare,
                lateEventShare,
                plantsPerBehaviour);
    }

    public GeneratorConfig withActiveActorsPerHour(int newActiveActorsPerHour) {
        return new GeneratorConfig(
                seed,
                eventsPerHour,
                newActiveActorsPerHour,
                actorPopulation,
                botEventShare,
                lateEventShare,
                plantsPerBehaviour);
    }

    /**
     * Returns a copy with another population; lower {@link #activeActorsPerHour()} first when
     * shrinking the population below what the active actors need.
     */
    public GeneratorConfig withActorPopulation(int newActorPopulation) {
        return new GeneratorConfig(
                seed,
                eventsPerHour,
                activeActorsPerHour,
                newActorPopulation,
                botEventShare,
                lateEventShare,
                plantsPerBehaviour);
    }

    public GeneratorConfig withBotEventShare(double newBotEventShare) {
        return new GeneratorConfig(
                seed,
                eventsPerHour,
                activeActorsPerHour,
                actorPopulation,
                newBotEventShare,
                lateEventShare,
                plantsPerBehaviour);
    }

    public GeneratorConfig withLateEventShare(double newLateEventShare) {
        return new GeneratorConfig(
                seed,
                eventsPerHour,
                activeActorsPerHour,
                actorPopulation,
                botEventShare,
                newLateEventShare,
                plantsPerBehaviour);
    }

    public GeneratorConfig withPlantsPerBehaviour(int newPlantsPerBehaviour) {
        return new GeneratorConfig(
                seed,
                eventsPerHour,
                activeActorsPerHour,
                actorPopulation,
                botEventShare,
                lateEventShare,
                newPlantsPerBehaviour);
    }

    private static void requireBetween(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be between " + min + " and " + max + ", was " + value);
        }
    }

    private static void requireShare(String name, double value, double max) {
        if (!(value >= 0.0 && value <= max)) {
            throw new IllegalArgumentException(
                    name + " must be a share between 0.0 and " + max + ", was " + value);
        }
    }
}
