package io.adaptivesqs.camel;

import static io.adaptivesqs.camel.ScalingPolicy.format;
import static io.adaptivesqs.camel.ScalingPolicy.rate;
import static io.adaptivesqs.camel.ScalingPolicy.usefulPollers;

/**
 * The early answer to a step, between the {@link ScalingPolicy}'s ticks. A pure function like it, sharing its
 * sizing: {@link Signals} of a window shorter than a tick in, a {@link ScalingDecision} out.
 * <p>
 * It looks for one thing only: a step (the route became several times faster or slower, or the round trip several
 * times longer or shorter). Waiting for the tick would cost up to a tick of starving consumers at every step up, and
 * a second of pollers each holding a batch after every step down; a step moves the model far enough that noise does
 * not, so a short window is enough to see it.
 */
final class SurgePolicy {

    private final ScalingPolicy tick;
    private final double surgeIdleShare;
    private final double surgeFactor;

    SurgePolicy(ScalingPolicy tick, double surgeIdleShare, double surgeFactor) {
        this.tick = tick;
        this.surgeIdleShare = surgeIdleShare;
        this.surgeFactor = surgeFactor;
    }

    /**
     * Up to the model's count when consumers starve and the model asks for at least half as many pollers again (and
     * two more) as run now; down to it when most pollers are blocked, no consumer starves, and the pollers run at
     * least half as many again (and two more) as the model and the pollers doing useful work ask for. Down, the model
     * takes the {@linkplain Signals#leastSupplyPerPoller least a poller may bring}: until a backlog taught its batch,
     * the few receives of a window may have drawn large ones. Anything less waits for the tick, which sees more.
     * <p>
     * Never while receives fail or the queue has nothing at hand, and never up while the queue's own count holds
     * fewer messages than the pollers asked for would take in one round: consumers idle below an arrival rate they
     * could take many times over also see windows of full batches, wherever the producer sends in batches. Nor up on
     * batches under half what a backlog brings: the count is read every few seconds, and a queue that ran out since
     * (the end of a spike) still shows the count read during it, while its receives bring a message or two.
     */
    ScalingDecision surge(Signals s, ScalingDecision.Memory memory) {
        int current = s.currentTarget();
        ScalingDecision noStep = new ScalingDecision(current, "hold: no step", memory);
        double model = s.potentialConsumptionRate() / s.supplyPerPoller();
        if (s.receiveErrors() > 0 || Double.isNaN(model) || tick.queueLimited(s)) {
            return noStep;
        }
        double starving = s.starvingShare();
        if (starving >= surgeIdleShare) {
            return up(s, memory, model, noStep);
        }
        boolean mostBlocked = s.blockedShare() >= 0.5;
        if (starving > tick.idleThreshold() || !mostBlocked) {
            return noStep;
        }
        // sized for the least a poller may bring: pollers taken away by a step down come back only at the tick
        double least = s.leastSupplyPerPoller();
        double kept = s.potentialConsumptionRate() / least;
        double useful = usefulPollers(s);
        int wanted = Math.max(tick.minPollers(), tick.withSpare(Math.max(kept, useful)));
        if (current < Math.max(wanted + 2, surgeFactor * wanted)) {
            return noStep;
        }
        return new ScalingDecision(wanted, format("down: step: %.1f of %d pollers blocked, no consumer idle; demand "
                                                  + "%s, supply %s per poller, %.1f pollers ideal, %.1f do useful work",
                s.blockedPollers(), s.activePollers(), rate(s.potentialConsumptionRate()), rate(least),
                kept, useful), ScalingDecision.Memory.NONE);
    }

    private ScalingDecision up(Signals s, ScalingDecision.Memory memory, double model, ScalingDecision noStep) {
        int current = s.currentTarget();
        if (s.shareOfBacklogBatch() < 0.5) {
            // batches under half what a backlog brings: the queue is running out, whatever its count said
            return noStep;
        }
        int wanted = tick.withSpare(model);
        if (wanted < Math.max(current + 2, surgeFactor * current)) {
            return noStep;
        }
        if (s.backlog() >= 0 && (s.backlog() < (long) wanted * s.maxMessagesPerPoll()
                                 || wanted > tick.pollersTheCountHolds(s))) {
            // a window of a few receives that met a burst of full batches, or a count that many pollers would take
            // within a second; the tick sees whether it lasts
            return noStep;
        }
        ScalingDecision up = tick.propose(s, memory, wanted,
                format("step: %.1f of %d consumers idle; demand %s, supply %s per poller, %.1f pollers ideal",
                        s.starvingConsumers(), s.concurrentConsumers(), rate(s.potentialConsumptionRate()),
                        rate(s.supplyPerPoller()), model));
        // capped by the message groups, the step may add nothing
        return up.targetPollers() > current ? up : noStep;
    }
}
