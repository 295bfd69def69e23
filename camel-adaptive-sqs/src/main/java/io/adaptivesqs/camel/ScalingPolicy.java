package io.adaptivesqs.camel;

import java.util.Locale;

/**
 * Decides how many pollers to run. A pure function: {@link Signals} and the previous tick's memory in, a
 * {@link ScalingDecision} out; no clock, no threads.
 * <p>
 * The actual consumption rate can never exceed what SQS supplies, so it cannot tell how much more the route could
 * take. The potential rate comes from the consumers themselves: K consumers that each spend {@code s} per message can
 * take {@code K / s} messages a second (Little's law). One poller supplies the mean batch a backlog brings per slow
 * round trip (the mean plus one standard deviation: the receives in flight must cover the slow ones; on a FIFO queue
 * the mean, as a batch held per group covers them), full or not; thinner batches mean that the queue runs short, not
 * that a poller brings less. The ideal poller count is their ratio; feedback corrects it:
 * <ul>
 * <li><b>receive errors</b> are not demand: hold.</li>
 * <li><b>the queue has nothing at hand</b>: receives that waited in long polls, empty receives, pollers waiting at
 * the end of the tick, or partial batches while the queue's own backlog count is short. Adding pollers cannot help;
 * carry what arrives, which drifts down toward {@code minPollers}. A partial batch that came back after one round
 * trip is not such a sign: SQS samples a subset of its servers and answers with what those hold. So while the count
 * holds more than a round of receives, a batch at least half full carries as a backlog's would, until a backlog
 * taught what it brings.</li>
 * <li><b>consumers idle on an empty buffer</b>: supply is short. Delivered = (K - idle) / K of demand, so N pollers
 * should become N * K / (K - idle), or the model's demand / supply if that is higher. Applied at once. On thin
 * batches (the queue may be running short) the model alone decides, and never beyond what the queue's count holds.</li>
 * <li><b>pollers blocked offering to a full buffer</b>: supply is in excess. Only N - blocked pollers do useful work
 * at the mean round trip; keep those, what slow round trips ask on top, and a spare.</li>
 * <li><b>on a FIFO queue</b>, never more pollers than message groups the receives brought: a receive brings only
 * groups not in flight.</li>
 * <li><b>both in one tick</b> (bursts, a buffer of 1): the feedback contradicts itself, so the model decides.</li>
 * <li><b>neither, but consumers idle a little while pollers hardly block</b>, fewer pollers running than the model
 * asks for: supply is short by less than the threshold, so the model decides, up only.</li>
 * <li><b>consumers idle behind their groups</b> (FIFO: every message held waits for an earlier one of its group in
 * the route) are not short of supply: more pollers could only bring groups that are not in flight, if the queue
 * has any. They do not count as idle.</li>
 * </ul>
 * Going up is immediate; going down waits {@code scaleDownTicks} ticks in a row and then goes to the highest count
 * those ticks asked for, so one noisy tick neither adds nor removes pollers for long.
 * <p>
 * Between ticks, {@link SurgePolicy} watches shorter windows for a step (the route or the round trip several times
 * faster or slower) and answers it early, sized the same way.
 */
public final class ScalingPolicy {

    private final int minPollers;
    private final int maxPollers;
    private final double spareShare;
    private final double idleThreshold;
    private final double fullFill;
    private final double drainedShare;
    private final int scaleDownTicks;
    private final SurgePolicy surgePolicy;

    ScalingPolicy(ScalingPolicyBuilder builder) {
        this.minPollers = builder.minPollers;
        this.maxPollers = builder.maxPollers;
        this.spareShare = builder.spareShare;
        this.idleThreshold = builder.idleThreshold;
        this.fullFill = builder.fullFill;
        this.drainedShare = builder.drainedShare;
        this.scaleDownTicks = builder.scaleDownTicks;
        this.surgePolicy = new SurgePolicy(this, builder.surgeIdleShare, builder.surgeFactor);
    }

    public static ScalingPolicyBuilder builder() {
        return new ScalingPolicyBuilder();
    }

    public int minPollers() {
        return minPollers;
    }

    public int maxPollers() {
        return maxPollers;
    }

    double idleThreshold() {
        return idleThreshold;
    }

    public ScalingDecision decide(Signals s, ScalingDecision.Memory memory) {
        int current = s.currentTarget();
        if (s.receiveErrors() > 0 && s.receiveErrors() >= s.receives()) {
            return hold(current, memory, "receives failing (%d errors, %d ok): errors are not demand",
                    s.receiveErrors(), s.receives());
        }
        if (s.receives() == 0 && s.waitingPollers() == 0) {
            return hold(current, memory, "no receive returned this tick");
        }
        if (queueLimited(s)) {
            // what arrived, in pollers' worth of the batches a backlog brings, leaving out pollers that wait on an
            // empty queue and pollers blocked on a full buffer: neither brought anything meanwhile
            double carrying = Math.max(0, s.activePollers() - s.waitingPollers() - s.blockedPollers());
            double carried = s.shareOfCarriedBatch();
            double needed = carrying * carried;
            return propose(s, memory, withSpare(needed),
                    format("supply-limited: %d of %d pollers waiting, %.1f blocked, %.0f%% of receives waited, "
                           + "%.0f%% empty, batches %.0f%% full (%.0f%% of a backlog's), backlog %s; %.1f pollers "
                           + "carry it",
                            s.waitingPollers(), s.activePollers(), s.blockedPollers(), 100 * s.waitedShare(),
                            100 * s.emptyShare(),
                            100 * s.fill(), 100 * carried,
                            s.backlog() < 0 ? "unknown" : Long.toString(s.backlog()), needed));
        }
        double supply = s.supplyPerPoller();
        double model = s.potentialConsumptionRate() / supply; // NaN until both are measured
        boolean starving = s.starvingShare() > idleThreshold;
        boolean blocked = s.blockedShare() > idleThreshold;
        if (starving && blocked) {
            if (Double.isNaN(model)) {
                return propose(s, memory, current, "consumers idle and pollers blocked, model not measured yet");
            }
            return propose(s, memory, withSpare(model),
                    format("consumers idle (%.1f of %d) and pollers blocked (%.1f of %d) in one tick: by the model, "
                           + "demand %s, supply %s per poller, %.1f pollers ideal",
                            s.starvingConsumers(), s.concurrentConsumers(), s.blockedPollers(), s.activePollers(),
                            rate(s.potentialConsumptionRate()), rate(supply), model));
        }
        if (starving) {
            return starving(s, memory, model);
        }
        if (blocked) {
            double useful = usefulPollers(s);
            return propose(s, memory, Math.min(current, withSpare(useful)),
                    format("pollers blocked on a full buffer: %.1f of %d; %.1f do useful work at the sized round trip "
                           + "(model %.1f)", s.blockedPollers(), s.activePollers(), useful, model));
        }
        if (tooFewGroupsInHand(s)) {
            return propose(s, memory, Math.min(s.concurrentConsumers(),
                            current + (int) Math.ceil(s.orderBoundConsumers() - 1e-9)),
                    format("%.1f of %d consumers idle behind the groups in hand, %d pollers while the receives "
                           + "brought %d groups: a poller more per consumer waiting, up to one per consumer",
                            s.orderBoundConsumers(), s.concurrentConsumers(), s.activePollers(), s.messageGroups()));
        }
        if (shortOfTheModel(s, model)) {
            return propose(s, memory, withSpare(model),
                    format("short of the model: %.1f of %d consumers idle, %.1f of %d pollers blocked, both under "
                           + "the threshold; demand %s, supply %s per poller, %.1f pollers ideal",
                            s.starvingConsumers(), s.concurrentConsumers(), s.blockedPollers(), s.activePollers(),
                            rate(s.potentialConsumptionRate()), rate(supply), model));
        }
        return propose(s, memory, current,
                format("balanced: %.1f of %d consumers idle, %.1f of %d pollers blocked", s.idleConsumers(),
                        s.concurrentConsumers(), s.blockedPollers(), s.activePollers()));
    }

    /** The early answer to a step, between ticks: see {@link SurgePolicy}. */
    public ScalingDecision surge(Signals s, ScalingDecision.Memory memory) {
        return surgePolicy.surge(s, memory);
    }

    /**
     * Under both thresholds, consumers that idle on an empty buffer while hardly a poller ever blocks on a full one
     * still show supply short of demand, by less than the threshold: one poller short of the model's count holds
     * there for good (at a 100 ms round trip, 8 pollers carried 96% of a route the model sizes at 9). Then the model
     * decides, up only.
     */
    private boolean shortOfTheModel(Signals s, double model) {
        return s.starvingShare() > idleThreshold / 2 && s.blockedShare() <= idleThreshold / 2 && !Double.isNaN(model)
               && withSpare(model) > s.currentTarget();
    }

    /**
     * FIFO: consumers wait behind the groups in hand while fewer pollers run than consumers and the receives brought
     * more groups than there are pollers. A receive brings one group's batch, so that few pollers hold too few groups
     * to keep every consumer busy, however many more the queue has. Waiting behind groups is otherwise the groups'
     * own cycle, or the queue has no more of them, and not counted as idle.
     */
    private boolean tooFewGroupsInHand(Signals s) {
        return s.messageGroups() > s.activePollers() && s.activePollers() < s.concurrentConsumers()
               && s.orderBoundConsumers() / s.concurrentConsumers() > idleThreshold;
    }

    /**
     * Only long polls that waited and empty receives show that the queue has nothing at hand; a partial batch shows
     * it only when the queue's own count agrees. A full batch beats a short count read seconds ago: a burst arrived.
     */
    boolean queueLimited(Signals s) {
        boolean backlogLarge = s.backlog() >= 0 && !s.backlogKnownShort();
        return s.waitedShare() >= drainedShare
               || s.emptyShare() >= drainedShare
               || (s.waitingPollers() > 0 && !backlogLarge)
               || (s.fill() < fullFill && s.backlogKnownShort());
    }

    private ScalingDecision starving(Signals s, ScalingDecision.Memory memory, double model) {
        int current = s.currentTarget();
        if (s.receives() < s.activePollers()) {
            return propose(s, memory, current, format("consumers idle, but only %d receives returned from %d "
                                                      + "pollers: too few to judge", s.receives(), s.activePollers()));
        }
        double idleShare = s.starvingShare();
        double delivered = Math.max(1 - idleShare, 0.25); // at most 4x per tick from feedback alone
        double feedback = Math.max(s.activePollers(), 1) / delivered;
        double ideal = Double.isNaN(model) ? feedback : Math.max(feedback, model);
        if (s.shareOfBacklogBatch() < 0.5 && !Double.isNaN(model)) {
            // thin batches: the queue may be running short, and more pollers bring more only if it holds more
            ideal = model;
        }
        if (s.receiveErrors() > 0) {
            // pollers backing off after errors also leave consumers idle: trust only the model this tick
            if (Double.isNaN(model) || withSpare(model) <= current) {
                return propose(s, memory, current, format("consumers idle during %d receive errors: errors are "
                                                          + "not demand (model %.1f pollers)", s.receiveErrors(), model));
            }
            ideal = model;
        }
        int wanted = Math.max(withSpare(ideal), current + 1);
        double outlasting = pollersTheCountHolds(s); // infinite on full batches: maxPollers is then the only cap
        String capped = "";
        if (wanted > Math.max(outlasting, current + 1)) {
            wanted = Math.max((int) Math.floor(outlasting + 1e-9), current + 1);
            capped = format(" (at most %d: the queue's count, %d, would not outlast more)", wanted, s.backlog());
        }
        return propose(s, memory, wanted,
                format("consumers starving: %.1f of %d idle, batches %.0f%% full; demand %s, supply %s per poller, "
                       + "%.1f pollers ideal%s",
                        s.starvingConsumers(), s.concurrentConsumers(), 100 * s.fill(),
                        rate(s.potentialConsumptionRate()), rate(s.supplyPerPoller()), ideal, capped));
    }

    /**
     * The most pollers the queue's count, as last read, holds work for: believed with partial batches, while full ones
     * beat a count read seconds ago (a burst arrived).
     */
    double pollersTheCountHolds(Signals s) {
        return s.fill() < fullFill ? s.pollersTheBacklogOutlasts() : Double.POSITIVE_INFINITY;
    }

    /**
     * The pollers that did useful work at the mean round trip, and what the slow round trips ask on top where pollers
     * are sized for them.
     */
    static double usefulPollers(Signals s) {
        double sizedShare = Double.isNaN(s.receiveRttMillis()) ? 1 : s.sizingRttMillis() / s.receiveRttMillis();
        return (s.activePollers() - s.blockedPollers()) * sizedShare;
    }

    /** The ideal count plus a spare poller, or 10% for small counts, whichever is less: blocked spares are the buffer. */
    int withSpare(double ideal) {
        return (int) Math.ceil(Math.min(ideal * (1 + spareShare), ideal + 1) - 1e-9);
    }

    ScalingDecision propose(Signals s, ScalingDecision.Memory memory, int wanted, String why) {
        int current = s.currentTarget();
        if (s.messageGroups() >= 0 && wanted > Math.max(s.messageGroups(), minPollers)) {
            // FIFO: a receive brings messages of groups not in flight; more receives than groups bring nothing more
            wanted = Math.max(s.messageGroups(), minPollers);
            why = why + format(" (at most one poller per message group: %d)", s.messageGroups());
        }
        int target = Math.max(minPollers, Math.min(maxPollers, wanted));
        if (target > current) {
            return new ScalingDecision(target, "up: " + why, ScalingDecision.Memory.NONE);
        }
        if (target == current) {
            return new ScalingDecision(current, "hold: " + why, ScalingDecision.Memory.NONE);
        }
        int ticks = memory.ticksBelow() + 1;
        int highest = memory.ticksBelow() == 0 ? target : Math.max(memory.highestBelow(), target);
        if (ticks >= scaleDownTicks) {
            return new ScalingDecision(highest, "down: " + why, ScalingDecision.Memory.NONE);
        }
        return new ScalingDecision(current,
                format("hold (%d of %d ticks toward %d): %s", ticks, scaleDownTicks, highest, why),
                new ScalingDecision.Memory(ticks, highest));
    }

    /** Nothing to learn from this tick: keep the count, and keep counting toward a pending scale-down. */
    private static ScalingDecision hold(int current, ScalingDecision.Memory memory, String why, Object... args) {
        return new ScalingDecision(current, "hold: " + format(why, args), memory);
    }

    static String rate(double perSecond) {
        return Double.isNaN(perSecond) || Double.isInfinite(perSecond) ? "unknown" : format("%.0f/s", perSecond);
    }

    static String format(String pattern, Object... args) {
        return String.format(Locale.ROOT, pattern, args);
    }
}
