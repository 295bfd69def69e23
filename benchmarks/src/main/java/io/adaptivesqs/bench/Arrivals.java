package io.adaptivesqs.bench;

import java.util.SplittableRandom;

/**
 * When a producer at a set rate sends next: evenly spaced, or at random times with the same mean (a Poisson process,
 * as independent senders make). Random arrivals come from a seed, so every contender given the same one is sent the
 * same schedule.
 */
final class Arrivals {

    private final double meanGapNanos;
    private final SplittableRandom random;

    private Arrivals(double meanGapNanos, SplittableRandom random) {
        this.meanGapNanos = meanGapNanos;
        this.random = random;
    }

    /** {@code perSecond} messages a second in sends of {@code batch}, evenly spaced. */
    static Arrivals paced(double perSecond, int batch) {
        return new Arrivals(meanGapNanos(perSecond, batch), null);
    }

    /** {@code perSecond} messages a second on average in sends of {@code batch}, at random times drawn from seed. */
    static Arrivals random(double perSecond, int batch, long seed) {
        return new Arrivals(meanGapNanos(perSecond, batch), new SplittableRandom(seed));
    }

    private static double meanGapNanos(double perSecond, int batch) {
        if (!(perSecond > 0) || Double.isInfinite(perSecond) || batch < 1) {
            throw new IllegalArgumentException("a rate needs messages per second > 0 and a batch >= 1, not "
                    + perSecond + " and " + batch);
        }
        return batch * 1e9 / perSecond;
    }

    /** Nanoseconds from this send to the next. */
    long nextGapNanos() {
        if (random == null) {
            return Math.round(meanGapNanos);
        }
        // inverse of the exponential distribution's CDF; 1 - u keeps the logarithm's argument in (0, 1]
        return Math.round(-meanGapNanos * Math.log(1 - random.nextDouble()));
    }
}
