package io.adaptivesqs.camel;

/**
 * Exponential backoff with a cap: 100 ms, 200 ms, 400 ms, ... up to {@code maxMillis}. Not thread-safe: one per
 * poller.
 */
final class Backoff {

    static final long INITIAL_MILLIS = 100;

    private final long maxMillis;
    private int failures;

    Backoff(long maxMillis) {
        this.maxMillis = Math.max(INITIAL_MILLIS, maxMillis);
    }

    /** Records a failure and returns how long to wait before the next attempt. */
    long failed() {
        failures++;
        int doublings = Math.min(failures - 1, 30);
        return Math.min(maxMillis, INITIAL_MILLIS << doublings);
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
