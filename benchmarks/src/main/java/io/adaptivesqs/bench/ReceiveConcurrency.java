package io.adaptivesqs.bench;

/**
 * Receives in flight, measured at the client: the pollers a contender really runs, whatever it was configured with.
 * Keeps the time integral of the count, so the mean between two samples is exact, and the highest count since the
 * last sample.
 */
final class ReceiveConcurrency {

    private int inFlight;
    private int maxSinceSample;
    private double integral;
    private long lastChange;
    private long lastSample;

    ReceiveConcurrency(long nowNanos) {
        this.lastChange = nowNanos;
        this.lastSample = nowNanos;
    }

    synchronized void started(long nowNanos) {
        advance(nowNanos);
        inFlight++;
        maxSinceSample = Math.max(maxSinceSample, inFlight);
    }

    synchronized void finished(long nowNanos) {
        advance(nowNanos);
        inFlight--;
    }

    /** Mean and maximum since the previous call, then starts a new interval. */
    synchronized Interval sample(long nowNanos) {
        advance(nowNanos);
        long span = nowNanos - lastSample;
        Interval interval = new Interval(span > 0 ? integral / span : inFlight, maxSinceSample);
        integral = 0;
        lastSample = nowNanos;
        maxSinceSample = inFlight;
        return interval;
    }

    private void advance(long nowNanos) {
        integral += (double) inFlight * (nowNanos - lastChange);
        lastChange = nowNanos;
    }

    /**
     * @param mean time-weighted mean of receives in flight over the interval
     * @param max  the most in flight at once during it
     */
    record Interval(double mean, int max) {
    }
}
