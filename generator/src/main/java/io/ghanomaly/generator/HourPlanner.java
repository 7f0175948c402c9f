package io.ghanomaly.generator;

import io.ghanomaly.core.label.GroundTruthLabel;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides who does what in one hour: the late arrivals from the previous hour, the planted
 * behaviours, bot activity and a heavy-tailed crowd of ordinary humans.
 */
final class HourPlanner {
    /**
     * Flattens the head of the Zipf-like activity curve: the busiest human gets about 300 events of
     * the default hour and some 150 get 50 or more, as in real hours.
     */
    private static final int RANK_OFFSET = 30;

    private static final int LATE_WINDOW_SECONDS = 30;

    /** The archive shows about one timestamp in a thousand a few seconds behind its neighbours. */
    private static final int STEP_BACK_ONE_IN = 1000;

    private final GeneratorConfig config;
    private final ActorPopulation population;
    private final SplittableRandom random;
    private final HourPlan plan;
    private final Set<Shift> shifts;

    HourPlanner(
            GeneratorConfig config,
            ActorPopulation population,
            Instant hourStart,
            SplittableRandom random,
            Set<Shift> shifts) {
        this.config = config;
        this.population = population;
        this.random = random;
        this.plan = new HourPlan(population, hourStart);
        this.plan.pushCommitsDropped = shifts.contains(Shift.PUSH_COMMITS_DROPPED);
        this.shifts = shifts;
    }

    /** Plans the hour, adding its planted behaviours' labels to {@code labels}. */
    HourPlan plan(List<GroundTruthLabel> labels) {
        BehaviourPlanter planter = new BehaviourPlanter(config, plan, random, labels);
        int[] plantedByType = planter.plantAll();
        int planted = plan.size();
        int events = config.eventsPerHour();
        int botEvents = (int) Math.round(config.botEventShare() * events);
        int lateEvents = (int) Math.floor(config.lateEventShare() * events + random.nextDouble());
        double[] humanTypes = humanTypeWeights(events, botEvents, plantedByType);
        int lateBotEvents = addLateEvents(lateEvents, humanTypes);
        addBotEvents(Math.max(0, botEvents - lateBotEvents));
        addHumanEvents(
                Math.max(0, events - planted - botEvents - (lateEvents - lateBotEvents)),
                humanTypes);
        // Shifts come on top: the rest of the hour stays as it was.
        if (shifts.contains(Shift.BOT_STORM)) {
            addBotEvents((Shift.BOT_STORM_FACTOR - 1) * botEvents);
        }
        if (shifts.contains(Shift.SPAM_WAVE)) {
            planter.spamWave(
                    (int)
                            Math.min(
                                    HourPlan.NEW_ACCOUNTS_PER_HOUR - 1000,
                                    Math.round(
                                            Shift.SPAM_WAVE_SHARE * config.activeActorsPerHour())));
        }
        plan.sortByTime();
        for (int i = 0; i < plan.size(); i++) {
            if (random.nextInt(STEP_BACK_ONE_IN) == 0
                    && !plan.isPlanted(i)
                    && plan.second(i) >= 0) {
                plan.showEarlier(i, random.nextInt(1, 6));
            }
        }
        return plan;
    }

    /**
     * The type mix of ordinary human events: what the real mix leaves after the bots' expected
     * events and the planted ones, so that the whole hour matches the real mix.
     */
    private static double[] humanTypeWeights(int events, int botEvents, int[] plantedByType) {
        double[] weights = new double[EventType.count()];
        for (int t = 0; t < weights.length; t++) {
            EventType type = EventType.ofCode(t);
            double botExpected = 0;
            for (BotKind kind : BotKind.values()) {
                botExpected += botEvents * kind.shareOfBotEvents * kind.typeShare(type);
            }
            weights[t] = Math.max(0.0, type.realShare * events - botExpected - plantedByType[t]);
        }
        return EventType.cumulative(weights);
    }

    /** Adds events of the previous hour's last seconds; returns how many were by bots. */
    private int addLateEvents(int count, double[] humanTypes) {
        int byBots = 0;
        for (int i = 0; i < count; i++) {
            int second = -1 - random.nextInt(LATE_WINDOW_SECONDS);
            if (random.nextDouble() < config.botEventShare()) {
                addBotEvent(second);
                byBots++;
            } else {
                int actor = population.randomHuman(random);
                EventType type = EventType.pick(humanTypes, random.nextDouble());
                plan.add(second, type, actor, humanRepo(type, actor), false);
            }
        }
        return byBots;
    }

    private void addBotEvents(int count) {
        for (int i = 0; i < count; i++) {
            addBotEvent(random.nextInt(3600));
        }
    }

    private void addBotEvent(int second) {
        int bot = population.randomBot(random);
        BotKind kind = population.botKind(bot);
        EventType type = kind.pickType(random.nextDouble());
        // Bots work on other people's repositories, organisations' more than their share.
        long repo =
                random.nextInt(100) < 35
                        ? population.randomOrganisationRepo(random)
                        : population.randomUserRepo(random);
        plan.add(second, type, bot, repo, false);
    }

    /**
     * Spreads the ordinary human events over the hour's active humans: each gets one, the rest go
     * by a Zipf-like curve over their activity rank.
     */
    private void addHumanEvents(int count, double[] humanTypes) {
        if (count == 0) {
            return;
        }
        int[] active =
                population.activeHumans(random, Math.min(config.activeActorsPerHour(), count));
        int extra = count - active.length;
        double total = 0;
        for (int rank = 0; rank < active.length; rank++) {
            total += 1.0 / (rank + RANK_OFFSET);
        }
        double running = 0;
        long assignedBefore = 0;
        for (int rank = 0; rank < active.length; rank++) {
            running += 1.0 / (rank + RANK_OFFSET);
            long assigned = Math.round((double) extra * running / total);
            int actorEvents = 1 + (int) (assigned - assignedBefore);
            assignedBefore = assigned;
            int actor = active[rank];
            for (int e = 0; e < actorEvents; e++) {
                EventType type = EventType.pick(humanTypes, random.nextDouble());
                plan.add(random.nextInt(3600), type, actor, humanRepo(type, actor), false);
            }
        }
    }

    /**
     * Where a human's event happens: pushes and branches mostly on the actor's own or its
     * organisation's repositories, stars and forks mostly on popular ones, discussion in between.
     */
    private long humanRepo(EventType type, int actor) {
        int roll = random.nextInt(100);
        int organisation = population.organisationOf(actor);
        int ownBelow;
        int organisationBelow;
        int popularBelow;
        switch (type) {
            case WATCH, FORK -> {
                ownBelow = 0;
                organisationBelow = 0;
                popularBelow = 70;
            }
            case ISSUES, ISSUE_COMMENT -> {
                ownBelow = 25;
                organisationBelow = 45;
                popularBelow = 75;
            }
            case PULL_REQUEST, PULL_REQUEST_REVIEW, PULL_REQUEST_REVIEW_COMMENT -> {
                ownBelow = 35;
                organisationBelow = 65;
                popularBelow = 80;
            }
            default -> {
                ownBelow = 60;
                organisationBelow = 97;
                popularBelow = 97;
            }
        }
        if (roll < ownBelow || (roll < organisationBelow && organisation < 0)) {
            return population.ownRepo(actor, random);
        } else if (roll < organisationBelow) {
            return population.organisationRepo(organisation, random);
        } else if (roll < popularBelow) {
            return population.popularRepo(random);
        }
        return population.randomUserRepo(random);
    }
}
