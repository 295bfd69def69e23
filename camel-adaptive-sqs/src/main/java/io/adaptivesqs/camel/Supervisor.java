package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs beside the pipeline: every tick it turns the metrics into {@link Signals}, asks the {@link ScalingPolicy} and
 * resizes the pollers. Between ticks it looks at a window of the last two round trips for a step that starves the
 * consumers or blocks most pollers ({@link ScalingPolicy#surge}); one acted on starts the next tick's window afresh.
 * It reads counters only; it never reaches into poller or consumer threads.
 */
final class Supervisor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** How often {@link #run()} is called, at most: the shortest window a step is looked for in. */
    static final long CHECK_MILLIS = 50;
    /**
     * The shortest receive that counts as a long poll that waited: a receive held up for tens of milliseconds by a
     * busy core or a pause of the JVM did not wait for messages.
     */
    static final long LONG_POLL_FLOOR_MILLIS = 50;

    private final String queue;
    private final ScalingPolicy policy;
    private final PipelineMetrics metrics;
    private final Pollers pollers;
    private final IntSupplier bufferDepth;
    private final LongSupplier orderBoundNanos;
    private final IntSupplier groupsSeen;
    private final int concurrentConsumers;
    private final int maxMessagesPerPoll;
    private final long tickNanos;

    /** Where the current tick's window starts. */
    private Mark tickStart;
    /** The looks for a step since the pollers were last resized, oldest first: where a window of them may start. */
    private final List<Mark> looks = new ArrayList<>();
    private int messageGroups;
    /** The read of the queue's count whose batches were learned last ({@link PipelineMetrics#backlogReadNanos()}). */
    private long backlogReadLearned;
    private ScalingDecision.Memory memory = ScalingDecision.Memory.NONE;
    private volatile Estimates estimates = Estimates.NONE;
    private volatile String lastReason = "starting";
    private volatile Signals lastSignals;
    private volatile double supplyPerPoller = Double.NaN;

    Supervisor(String queue, ScalingPolicy policy, PipelineMetrics metrics, Pollers pollers,
               IntSupplier bufferDepth, LongSupplier orderBoundNanos, IntSupplier groupsSeen, int concurrentConsumers,
               int maxMessagesPerPoll, long tickMillis) {
        this.queue = queue;
        this.policy = policy;
        this.metrics = metrics;
        this.pollers = pollers;
        this.bufferDepth = bufferDepth;
        this.orderBoundNanos = orderBoundNanos;
        this.groupsSeen = groupsSeen;
        this.concurrentConsumers = concurrentConsumers;
        this.maxMessagesPerPoll = maxMessagesPerPoll;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.tickStart = mark();
        this.looks.add(tickStart);
        // a FIFO queue caps pollers at the groups a tick saw: none yet, so no step is acted on before the first tick
        this.messageGroups = groupsSeen.getAsInt() < 0 ? -1 : 0;
    }

    /** The period to call {@link #run()} at: the tick, or more often to look for steps in between. */
    static long periodMillis(long tickMillis) {
        return Math.min(tickMillis, CHECK_MILLIS);
    }

    @Override
    public void run() {
        try {
            Mark now = mark();
            // half a period of slack, so that a tick due at this call is not put off to the next one
            if (now.snapshot().atNanos() - tickStart.snapshot().atNanos()
                >= tickNanos - TimeUnit.MILLISECONDS.toNanos(CHECK_MILLIS) / 2) {
                tick(now);
            } else {
                lookForStep(now);
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep supervising
            LOG.warn("Supervisor tick for {} failed", queue, e);
        }
    }

    private void tick(Mark now) {
        PipelineMetrics.Snapshot window = now.snapshot().minus(tickStart.snapshot());
        if (window.atNanos() <= 0) {
            return;
        }
        messageGroups = groupsSeen.getAsInt();
        Estimates updated = estimates.updatedBy(window, pollers.active(), concurrentConsumers);
        long backlogRead = metrics.backlogReadNanos();
        if (backlogRead != backlogReadLearned) {
            // the first tick after a read: a step acted on between ticks may have started it after the read
            backlogReadLearned = backlogRead;
            if (backlogOutlasts(window)) {
                updated = updated.withBacklogBatch(window);
            }
        }
        Signals signals = signals(window, now.orderBoundNanos() - tickStart.orderBoundNanos(), updated);
        ScalingDecision decision = policy.decide(signals, memory);
        commit(now, updated, signals, decision);
    }

    /**
     * A window of at least two round trips, ending now: enough for receives to return and consumers to show whether
     * they starve. The window slides by a check, also across a tick that kept the count, so a step shows two round
     * trips after it happened at the latest, even right after a tick. A step up that starves the consumers shows in
     * the newest check first, and in the window only once it lasted half of it (at a 50 ms round trip, 50 ms
     * later): the newest check is judged too, by its own receives and consumers and the window's estimates, and may
     * only add pollers. Its receives are what keeps a lull from passing for a step: a check in which the queue ran
     * out brings thin batches, or none. Only a step is acted on; the window then belongs to no tick, and the next
     * one starts afresh.
     */
    private void lookForStep(Mark now) {
        long shortest = shortestWindowNanos();
        slide(now, shortest);
        Mark start = looks.get(0);
        Mark previous = looks.get(looks.size() - 1);
        looks.add(now);
        if (age(now, start) < shortest) {
            return;
        }
        PipelineMetrics.Snapshot window = now.snapshot().minus(start.snapshot());
        PipelineMetrics.Snapshot newest = now.snapshot().minus(previous.snapshot());
        Estimates seen = estimates.seenIn(window, newest, pollers.active(), concurrentConsumers);
        // a round trip that grew several times over must not pass for long polls until the next tick
        if (seen.rttMillis() > estimates.rttMillis()) {
            setLongPollBar(seen.rttMillis());
        }
        Signals signals = signals(window, now.orderBoundNanos() - start.orderBoundNanos(), seen);
        ScalingDecision decision = policy.surge(signals, memory);
        if (decision.targetPollers() == signals.currentTarget() && newest.atNanos() > 0) {
            Signals newestSignals = signals(newest, now.orderBoundNanos() - previous.orderBoundNanos(), seen);
            ScalingDecision early = policy.surge(newestSignals, memory);
            if (early.targetPollers() > newestSignals.currentTarget()) {
                signals = newestSignals;
                decision = new ScalingDecision(early.targetPollers(), ScalingPolicy.format("%s; in the newest %d ms",
                        early.reason(), TimeUnit.NANOSECONDS.toMillis(newest.atNanos())), early.memory());
            }
        }
        if (decision.targetPollers() != signals.currentTarget()) {
            commit(now, estimates.updatedBy(window, pollers.active(), concurrentConsumers), signals, decision);
        }
    }

    /** Two round trips, at least a check. */
    private long shortestWindowNanos() {
        double rtt = estimates.rttMillis();
        return TimeUnit.MILLISECONDS.toNanos(Double.isNaN(rtt) ? CHECK_MILLIS
                : Math.max(CHECK_MILLIS, (long) (2 * rtt)));
    }

    /** Keeps the newest look at least {@code shortest} old as the window's start, and the younger ones to slide to. */
    private void slide(Mark now, long shortest) {
        while (looks.size() > 1 && age(now, looks.get(1)) >= shortest) {
            looks.remove(0);
        }
    }

    /** Whether the queue's count as last read shows a backlog that lasted through the window. */
    private boolean backlogOutlasts(PipelineMetrics.Snapshot window) {
        return Signals.outlasts(metrics.backlog(), roundOfBatches(), window.received());
    }

    /** The messages one receive by every running poller (at least one) may bring. */
    int roundOfBatches() {
        return Math.max(pollers.active(), 1) * maxMessagesPerPoll;
    }

    private static long age(Mark now, Mark then) {
        return now.snapshot().atNanos() - then.snapshot().atNanos();
    }

    private void commit(Mark now, Estimates updated, Signals signals, ScalingDecision decision) {
        tickStart = now;
        if (decision.targetPollers() != signals.currentTarget()) {
            // what the looks saw before was with another count of pollers
            looks.clear();
        }
        looks.add(now);
        estimates = updated;
        slide(now, shortestWindowNanos());
        memory = decision.memory();
        lastSignals = signals;
        if (!Double.isNaN(signals.supplyPerPoller())) {
            supplyPerPoller = signals.supplyPerPoller();
        }
        lastReason = decision.reason();
        setLongPollBar(updated.rttMillis());
        if (decision.targetPollers() != signals.currentTarget()) {
            LOG.info("{}: pollers {} -> {}, {} [{}]", queue, signals.currentTarget(), decision.targetPollers(),
                    decision.reason(), signals);
            pollers.resize(decision.targetPollers());
        } else {
            LOG.debug("{}: pollers {}, {} [{}]", queue, signals.currentTarget(), decision.reason(), signals);
        }
    }

    private Mark mark() {
        return new Mark(metrics.snapshot(), orderBoundNanos.getAsLong());
    }

    private Signals signals(PipelineMetrics.Snapshot window, long orderBoundInWindow, Estimates estimated) {
        double seconds = window.atNanos() / 1e9;
        return new Signals(
                pollers.target(),
                pollers.active(),
                concurrentConsumers,
                maxMessagesPerPoll,
                window.receiveCalls(),
                window.emptyReceives(),
                window.waitedReceives(),
                window.receiveErrors(),
                window.received(),
                estimated.rttMillis(),
                estimated.rttJitterMillis(),
                estimated.serviceTimeMillis(),
                Math.min(concurrentConsumers, window.idleConsumerNanos() / 1e9 / seconds),
                Math.min(pollers.active(), window.blockedPollerNanos() / 1e9 / seconds),
                pollers.waitingLongerThan(metrics.longPollNanos()),
                window.serviceNanos() / 1e9 / seconds,
                bufferDepth.getAsInt(),
                metrics.backlog(),
                Math.min(concurrentConsumers, orderBoundInWindow / 1e9 / seconds),
                messageGroups,
                estimated.trustedBacklogBatch());
    }

    private void setLongPollBar(double rttMillis) {
        metrics.longPollNanos(longPollNanos(rttMillis));
    }

    /**
     * A partial receive this much longer than a round trip is a long poll that waited, not a slow answer: round trips
     * have a tail of a few times their mean, so the bar sits above it. The round trip comes from receives that
     * brought at least half a batch, never from long polls, so waiting for a trickle cannot raise the bar.
     */
    private static long longPollNanos(double rttMillis) {
        double millis = Double.isNaN(rttMillis) ? 1000 : Math.max(5 * rttMillis, LONG_POLL_FLOOR_MILLIS);
        return (long) (millis * 1_000_000);
    }

    double serviceTimeMillis() {
        return estimates.serviceTimeMillis();
    }

    double receiveRttMillis() {
        return estimates.rttMillis();
    }

    double backlogBatch() {
        return estimates.trustedBacklogBatch();
    }

    /** The supply per poller the last decision that saw receives sized with; NaN until one did. */
    double supplyPerPoller() {
        return supplyPerPoller;
    }

    String lastReason() {
        return lastReason;
    }

    Signals lastSignals() {
        return lastSignals;
    }

    /** What the supervisor reads of the polling loops and asks of them: {@link PollerPool} in use. */
    interface Pollers {

        /** Pollers running and not told to go. */
        int active();

        /** The count asked for last. */
        int target();

        /** Runs {@code count} pollers. */
        void resize(int count);

        /** Pollers whose receive has been under way longer than {@code nanos}. */
        int waitingLongerThan(long nanos);
    }

    /** Metrics totals and the FIFO order-bound time at one instant: where a window starts or ends. */
    private record Mark(PipelineMetrics.Snapshot snapshot, long orderBoundNanos) {
    }
}
