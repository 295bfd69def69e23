package io.adaptivesqs.bench;

import java.util.Arrays;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;

/**
 * How late a timed park wakes on this machine, for each service time a run uses. On the README's 2-vCPU VM a thread
 * parked for 10-50 ms wakes about 0.15-0.19 ms after its deadline with nothing else running, so a route that parked
 * for exactly its service time would take 0.9% longer per message than the scenario says at 20 ms (1.5% at 10 ms),
 * and no contender could reach the capacity K / service time the results are measured against. {@link SimulatedService} wakes this
 * much early instead.
 * <p>
 * Measured once per run, on one thread before ElasticMQ starts, so that it is the timer's own lateness: what a
 * contender's load adds during a trial (its threads, its calls) is not taken away, it is part of what it costs.
 */
final class TimerLatency {

    private static final int SAMPLES = 25;

    /** Lateness in nanoseconds, by wait in nanoseconds. */
    private final Map<Long, Long> lateNanos;

    private TimerLatency(Map<Long, Long> lateNanos) {
        this.lateNanos = Map.copyOf(lateNanos);
    }

    static TimerLatency of(Map<Long, Long> lateNanosByWaitNanos) {
        return new TimerLatency(lateNanosByWaitNanos);
    }

    /** Parks {@value #SAMPLES} times for each distinct service time, about 2 s for the whole run's set. */
    static TimerLatency measure(Collection<Double> serviceMillis) {
        Map<Long, Long> late = new TreeMap<>();
        for (double millis : serviceMillis) {
            long wait = nanos(millis);
            if (wait > 0 && !late.containsKey(wait)) {
                long[] samples = new long[SAMPLES];
                for (int i = 0; i < SAMPLES; i++) {
                    samples[i] = parkUntil(System.nanoTime() + wait);
                }
                late.put(wait, typical(samples));
            }
        }
        return new TimerLatency(late);
    }

    /**
     * The median, never below zero: the odd wake-up that a busy host delays by milliseconds is not the timer's
     * lateness, and correcting for it would make the service run short.
     */
    static long typical(long[] lateness) {
        if (lateness.length == 0) {
            return 0;
        }
        long[] sorted = lateness.clone();
        Arrays.sort(sorted);
        return Math.max(0, sorted[sorted.length / 2]);
    }

    /** How much earlier than its deadline a wait of this length should end; 0 for a length not measured. */
    long lateNanos(long waitNanos) {
        return Math.min(lateNanos.getOrDefault(waitNanos, 0L), waitNanos);
    }

    /** Lateness in microseconds by service time in milliseconds, for the run's report. */
    Map<Double, Long> micros() {
        Map<Double, Long> micros = new TreeMap<>();
        lateNanos.forEach((wait, late) -> micros.put(wait / 1e6, late / 1000));
        return micros;
    }

    /** The one conversion the measurement and the service both use: a service time finds its lateness by it. */
    static long nanos(double millis) {
        return (long) (millis * 1e6);
    }

    /**
     * Parks until the deadline has passed (parkNanos: Thread.sleep rounds to whole milliseconds); returns how long
     * after it the thread woke.
     */
    static long parkUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return System.nanoTime() - deadline;
    }
}
