package io.adaptivesqs.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Pure arithmetic over one consumer's samples (or their {@link Sample#sum}): no clock, no threads, so every number
 * in the report can be checked against a synthetic trace. An interval between two samples belongs to a window when
 * its end sample lies in the window and its start sample does too.
 */
final class Analysis {

    private Analysis() {
    }

    /**
     * Work done in the window, in messages, divided by what could have been delivered in it; NaN when nothing could.
     * A message in the route at either end counts by the part of its service time inside the window: K consumers
     * that finish together (a fixed service time keeps them in step) would otherwise move the figure by K messages
     * depending on whether their common finish falls just inside or just outside the window.
     */
    static double throughputFraction(List<Sample> samples, Window window) {
        double possible = 0;
        for (int i = firstInterval(samples, window); i <= last(samples, window); i++) {
            possible += samples.get(i).possible() * dt(samples, i);
        }
        return possible > 0 ? work(samples, window) / possible : Double.NaN;
    }

    static double work(List<Sample> samples, Window window) {
        int first = firstInterval(samples, window) - 1;
        int last = last(samples, window);
        return last <= first ? 0 : samples.get(last).work() - samples.get(first).work();
    }

    static long completed(List<Sample> samples, Window window) {
        return delta(samples, window, Sample::completed);
    }

    /** How much longer than its service time the route's wait lasted, per message completed in the window. */
    static double serviceOverrunMicros(List<Sample> samples, Window window) {
        long completed = completed(samples, window);
        return completed == 0 ? Double.NaN : delta(samples, window, Sample::serviceOverrunNanos) / 1e3 / completed;
    }

    /** ReceiveMessage calls per completed message: what SQS bills per unit of work. */
    static double receivesPerMessage(List<Sample> samples, Window window) {
        long completed = completed(samples, window);
        return completed == 0 ? Double.NaN : (double) delta(samples, window, Sample::receiveCalls) / completed;
    }

    static double emptyReceiveRatio(List<Sample> samples, Window window) {
        long calls = delta(samples, window, Sample::receiveCalls);
        return calls == 0 ? Double.NaN : (double) delta(samples, window, Sample::emptyReceives) / calls;
    }

    static double receivesPerSecond(List<Sample> samples, Window window) {
        double seconds = span(samples, window);
        return seconds > 0 ? delta(samples, window, Sample::receiveCalls) / seconds : Double.NaN;
    }

    /** Time-weighted mean of a gauge over the window's intervals, each weighted by its length. */
    static double mean(List<Sample> samples, Window window, ToDoubleFunction<Sample> gauge) {
        double weighted = 0, seconds = 0;
        for (int i = firstInterval(samples, window); i <= last(samples, window); i++) {
            double value = gauge.applyAsDouble(samples.get(i));
            if (!Double.isNaN(value)) {
                weighted += value * dt(samples, i);
                seconds += dt(samples, i);
            }
        }
        return seconds > 0 ? weighted / seconds : Double.NaN;
    }

    static double max(List<Sample> samples, Window window, ToDoubleFunction<Sample> gauge) {
        double max = Double.NaN;
        for (int i = firstInterval(samples, window); i <= last(samples, window); i++) {
            double value = gauge.applyAsDouble(samples.get(i));
            if (!Double.isNaN(value) && (Double.isNaN(max) || value > max)) {
                max = value;
            }
        }
        return max;
    }

    /** Messages per second completed over the {@code windowSeconds} ending at sample {@code index}. */
    static double rollingRate(List<Sample> samples, int index, double windowSeconds) {
        Sample end = samples.get(index);
        int start = index;
        while (start > 0 && end.seconds() - samples.get(start).seconds() < windowSeconds - 1e-9) {
            start--;
        }
        double seconds = end.seconds() - samples.get(start).seconds();
        return seconds > 0 ? (end.completed() - samples.get(start).completed()) / seconds : Double.NaN;
    }

    /**
     * Seconds from {@code stepAt} until throughput over a whole {@code windowSeconds} after the step first reaches
     * {@code fraction} of what could be delivered; infinite if it never does. The window length is the resolution:
     * a contender already at full speed scores one window.
     */
    static double timeToReach(List<Sample> samples, double stepAt, double fraction, double windowSeconds) {
        for (int i = 1; i < samples.size(); i++) {
            Sample s = samples.get(i);
            if (s.seconds() - stepAt < windowSeconds - 1e-9) {
                continue;
            }
            if (rollingRate(samples, i, windowSeconds) >= fraction * s.possible()) {
                return s.seconds() - stepAt;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    /**
     * Seconds after {@code window.from()} until the poller count is at or below {@code limit} and stays there to
     * the window's end; 0 if it never exceeds it, infinite if it is still above at the end.
     */
    static double settleTime(List<Sample> samples, Window window, double limit) {
        double settledAt = window.from();
        boolean above = false;
        for (Sample s : samples) {
            if (s.seconds() <= window.from() || s.seconds() > window.to()) {
                continue;
            }
            if (s.pollers() > limit) {
                above = true;
            } else if (above) {
                settledAt = s.seconds();
                above = false;
            }
        }
        return above ? Double.POSITIVE_INFINITY : settledAt - window.from();
    }

    /** Mean round trip of the receives that returned messages during one phase; NaN if none did. */
    static double rttMillis(List<Sample> samples, int phase) {
        long calls = 0, nanos = 0;
        for (int i = 1; i < samples.size(); i++) {
            if (samples.get(i).phase() == phase) {
                calls += samples.get(i).nonEmptyReceives() - samples.get(i - 1).nonEmptyReceives();
                nanos += samples.get(i).nonEmptyReceiveNanos() - samples.get(i - 1).nonEmptyReceiveNanos();
            }
        }
        return calls == 0 ? Double.NaN : nanos / 1e6 / calls;
    }

    /**
     * The ideal poller count over the window, time-weighted: per phase, what carries the phase's possible rate at the
     * round trip measured in that phase.
     */
    static double idealPollers(List<Sample> samples, Window window, int minPollers) {
        return idealPollers(samples, window, minPollers, Capacity.BATCH);
    }

    /** The same with batches of {@code meanBatch} messages on average, as SQS returns them in the realistic mode. */
    static double idealPollers(List<Sample> samples, Window window, int minPollers, double meanBatch) {
        Map<Integer, Integer> idealByPhase = new HashMap<>();
        return mean(samples, window, s -> idealByPhase.computeIfAbsent(s.phase(),
                phase -> Capacity.idealPollers(s.possible(), rttMillis(samples, phase), minPollers, meanBatch)));
    }

    private static long delta(List<Sample> samples, Window window, java.util.function.ToLongFunction<Sample> counter) {
        int first = firstInterval(samples, window) - 1;
        int last = last(samples, window);
        return last <= first ? 0 : counter.applyAsLong(samples.get(last)) - counter.applyAsLong(samples.get(first));
    }

    private static double span(List<Sample> samples, Window window) {
        int first = firstInterval(samples, window) - 1;
        int last = last(samples, window);
        return last <= first ? 0 : samples.get(last).seconds() - samples.get(first).seconds();
    }

    private static double dt(List<Sample> samples, int i) {
        return samples.get(i).seconds() - samples.get(i - 1).seconds();
    }

    /** Index of the first interval's end sample: the interval starts at the first sample inside the window. */
    private static int firstInterval(List<Sample> samples, Window window) {
        for (int i = 0; i < samples.size(); i++) {
            if (samples.get(i).seconds() >= window.from() - 1e-9) {
                return i + 1;
            }
        }
        return samples.size();
    }

    private static int last(List<Sample> samples, Window window) {
        for (int i = samples.size() - 1; i >= 0; i--) {
            if (samples.get(i).seconds() <= window.to() + 1e-9) {
                return i;
            }
        }
        return -1;
    }
}
