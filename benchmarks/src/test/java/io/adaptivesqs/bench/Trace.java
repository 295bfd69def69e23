package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds synthetic samples, a tick at a time, for deterministic tests of the analysis: a stretch at a given
 * completion rate with a given poller count, under given conditions. Receives come in full batches of ten unless
 * told otherwise, with a fixed round trip.
 */
final class Trace {

    static final double TICK = 0.25;

    private final List<Sample> samples = new ArrayList<>();
    private double seconds;
    private double completed;
    private double receiveCalls;
    private double emptyReceives;
    private long nonEmptyReceives;
    private long nonEmptyReceiveNanos;

    Trace() {
        samples.add(sample(0, 0, 1, 0, 100, Double.POSITIVE_INFINITY, 0));
    }

    /**
     * Appends {@code seconds} of ticks: {@code rate} messages/s completed, {@code pollers} running, {@code limbo}
     * held, in {@code phase} with the given capacity, offered load and receive round trip.
     */
    Trace run(double seconds, int phase, double rate, int pollers, long limbo, double capacity, double offered,
              double rttMillis) {
        long ticks = Math.round(seconds / TICK);
        for (long t = 0; t < ticks; t++) {
            this.seconds += TICK;
            completed += rate * TICK;
            double receives = rate * TICK / Capacity.BATCH;
            receiveCalls += receives;
            long full = Math.round(receives);
            nonEmptyReceives += full;
            nonEmptyReceiveNanos += (long) (full * rttMillis * 1e6);
            samples.add(sample(phase, rate, pollers, limbo, capacity, offered, 0));
        }
        return this;
    }

    /** Appends idle ticks in which {@code pollers} each return one empty receive per second. */
    Trace idle(double seconds, int phase, int pollers) {
        long ticks = Math.round(seconds / TICK);
        for (long t = 0; t < ticks; t++) {
            this.seconds += TICK;
            receiveCalls += pollers * TICK;
            emptyReceives += pollers * TICK;
            samples.add(sample(phase, 0, pollers, 0, 100, 0, 0));
        }
        return this;
    }

    List<Sample> samples() {
        return samples;
    }

    private Sample sample(int phase, double rate, int pollers, long limbo, double capacity, double offered,
                          double cpu) {
        long done = Math.round(completed);
        return new Sample(seconds, phase, done, done, done + limbo, 0, Math.round(receiveCalls),
                Math.round(emptyReceives), nonEmptyReceives, nonEmptyReceiveNanos, pollers, 0, capacity, offered, cpu,
                cpu, pollers, pollers, 0);
    }
}
