package io.adaptivesqs.camel;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff with a cap and jitter. The n-th failure in a row sets a ceiling of 100 ms x 2^(n-1), at most
 * {@code maxMillis}, and the pause is drawn between half the ceiling and all of it. A burst of throttling fails
 * every poller of a consumer at once (and those of every other instance on the queue); without the draw they would
 * all retry at the same moments, in lockstep for as long as the burst lasts. The half that is kept still backs off
 * from an outage as fast as doubling does. Not thread-safe: one per poller.
 */
final class Backoff {

    static final long INITIAL_MILLIS = 100;

    private final long maxMillis;
    private final RandomGenerator random;
    private int failures;

    Backoff(long maxMillis) {
        this(maxMillis, new SplittableRandom());
    }

    Backoff(long maxMillis, RandomGenerator random) {
        this.maxMillis = Math.max(INITIAL_MILLIS, maxMillis);
        this.random = random;
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    long failed() {
        failures++;
        int doublings = Math.min(failures - 1, 30);
        long ceiling = Math.min(maxMillis, INITIAL_MILLIS << doublings);
        long half = ceiling / 2;
        return half + random.nextLong(ceiling - half + 1);
    }

    /** Records a success; returns how many failures in a row preceded it. */
    int succeeded() {
        int streak = failures;
        failures = 0;
        return streak;
    }

    int failures() {
        return failures;
    }
}
