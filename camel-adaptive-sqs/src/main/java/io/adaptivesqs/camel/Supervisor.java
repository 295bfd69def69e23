package io.adaptivesqs.camel;

import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs beside the pipeline: every tick it turns the metrics into {@link Signals}, asks the {@link ScalingPolicy} and
 * resizes the pollers. It reads counters only; it never reaches into poller or consumer threads.
 */
final class Supervisor implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
    /** Weight of the newest tick in the smoothed service time and round trip: high, so steps show within a tick. */
    private static final double SMOOTHING = 0.7;
    private static final double JITTER_SMOOTHING = 0.3;

    private final String queue;
    private final ScalingPolicy policy;
    private final PipelineMetrics metrics;
    private final PollerPool pollers;
    private final IntSupplier bufferDepth;
    private final LongSupplier orderBoundNanos;
    private final IntSupplier groupsSeen;
    private final int concurrentConsumers;
    private final int maxMessagesPerPoll;

    private PipelineMetrics.Snapshot previous;
    private long previousOrderBoundNanos;
    private ScalingDecision.Memory memory = ScalingDecision.Memory.NONE;
    private volatile double serviceTimeMillis = Double.NaN;
    private volatile double receiveRttMillis = Double.NaN;
    private volatile double receiveRttJitterMillis = Double.NaN;
    private volatile String lastReason = "starting";
    private volatile Signals lastSignals;

    Supervisor(String queue, ScalingPolicy policy, PipelineMetrics metrics, PollerPool pollers,
               IntSupplier bufferDepth, LongSupplier orderBoundNanos, IntSupplier groupsSeen, int concurrentConsumers,
               int maxMessagesPerPoll) {
        this.queue = queue;
        this.policy = policy;
        this.metrics = metrics;
        this.pollers = pollers;
        this.bufferDepth = bufferDepth;
        this.orderBoundNanos = orderBoundNanos;
        this.groupsSeen = groupsSeen;
        this.concurrentConsumers = concurrentConsumers;
        this.maxMessagesPerPoll = maxMessagesPerPoll;
        this.previous = metrics.snapshot();
    }

    @Override
    public void run() {
        try {
            tick();
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: keep supervising
            LOG.warn("Supervisor tick for {} failed", queue, e);
        }
    }

    void tick() {
        PipelineMetrics.Snapshot now = metrics.snapshot();
        PipelineMetrics.Snapshot tick = now.minus(previous);
        previous = now;
        if (tick.atNanos() <= 0) {
            return;
        }
        Signals signals = signals(tick);
        ScalingDecision decision = policy.decide(signals, memory);
        memory = decision.memory();
        lastSignals = signals;
        lastReason = decision.reason();
        if (decision.targetPollers() != signals.currentTarget()) {
            LOG.info("{}: pollers {} -> {}, {} [{}]", queue, signals.currentTarget(), decision.targetPollers(),
                    decision.reason(), signals);
            pollers.resize(decision.targetPollers());
        } else {
            LOG.debug("{}: pollers {}, {} [{}]", queue, signals.currentTarget(), decision.reason(), signals);
        }
    }

    private Signals signals(PipelineMetrics.Snapshot tick) {
        double seconds = tick.atNanos() / 1e9;
        long orderBound = orderBoundNanos.getAsLong();
        long orderBoundInTick = orderBound - previousOrderBoundNanos;
        previousOrderBoundNanos = orderBound;
        if (tick.exchanges() > 0) {
            serviceTimeMillis = smooth(serviceTimeMillis, tick.serviceNanos() / 1e6 / tick.exchanges());
        }
        if (tick.answeredReceives() > 0) {
            double mean = tick.answeredReceiveNanos() / 1e6 / tick.answeredReceives();
            receiveRttMillis = smooth(receiveRttMillis, mean);
            if (tick.answeredReceives() > 1) {
                double variance = tick.answeredReceiveMillisSquared() / tick.answeredReceives() - mean * mean;
                // a spread needs more samples than a mean: weigh the newest tick less
                double jitter = Math.sqrt(Math.max(0, variance));
                receiveRttJitterMillis = Double.isNaN(receiveRttJitterMillis) ? jitter
                        : JITTER_SMOOTHING * jitter + (1 - JITTER_SMOOTHING) * receiveRttJitterMillis;
            }
            metrics.longPollNanos(longPollNanos());
        }
        return new Signals(
                pollers.target(),
                pollers.active(),
                concurrentConsumers,
                maxMessagesPerPoll,
                tick.receiveCalls(),
                tick.emptyReceives(),
                tick.waitedReceives(),
                tick.receiveErrors(),
                tick.received(),
                receiveRttMillis,
                Double.isNaN(receiveRttJitterMillis) ? 0 : receiveRttJitterMillis,
                serviceTimeMillis,
                Math.min(concurrentConsumers, tick.idleConsumerNanos() / 1e9 / seconds),
                Math.min(pollers.active(), tick.blockedPollerNanos() / 1e9 / seconds),
                pollers.waitingLongerThan(longPollNanos()),
                tick.serviceNanos() / 1e9 / seconds,
                bufferDepth.getAsInt(),
                metrics.backlog(),
                Math.min(concurrentConsumers, orderBoundInTick / 1e9 / seconds),
                groupsSeen.getAsInt());
    }

    /**
     * A receive this much longer than a round trip is a long poll on an empty queue, not a slow answer: round trips
     * have a tail of a few times their mean, so the bar sits above it.
     */
    private long longPollNanos() {
        double rtt = receiveRttMillis;
        double millis = Double.isNaN(rtt) ? 1000 : Math.max(5 * rtt, 250);
        return (long) (millis * 1_000_000);
    }

    private static double smooth(double previous, double sample) {
        return Double.isNaN(previous) ? sample : SMOOTHING * sample + (1 - SMOOTHING) * previous;
    }


    double serviceTimeMillis() {
        return serviceTimeMillis;
    }

    double receiveRttMillis() {
        return receiveRttMillis;
    }

    String lastReason() {
        return lastReason;
    }

    Signals lastSignals() {
        return lastSignals;
    }
}
