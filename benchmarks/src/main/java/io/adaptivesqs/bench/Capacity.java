package io.adaptivesqs.bench;

/**
 * The arithmetic every number in the report is judged against. A route with K consumers that each spend {@code s}
 * per message can take K / s messages a second (Little's law); one poller brings at most {@code batch} messages per
 * receive round trip. What a contender could have delivered is the lesser of the route's capacity and what the
 * producer offered.
 */
final class Capacity {

    /** A full SQS batch: ReceiveMessage returns at most ten messages. */
    static final int BATCH = 10;

    private Capacity() {
    }

    /** Messages per second K consumers can take when each spends {@code serviceMillis} on a message. */
    static double routeCapacity(int concurrentConsumers, double serviceMillis) {
        return concurrentConsumers * 1000.0 / serviceMillis;
    }

    /** Messages per second one poller supplies with full batches at the given round trip. */
    static double supplyPerPoller(double rttMillis) {
        return supplyPerPoller(rttMillis, BATCH);
    }

    /** Messages per second one poller supplies with batches of {@code meanBatch} on average. */
    static double supplyPerPoller(double rttMillis, double meanBatch) {
        return meanBatch * 1000.0 / rttMillis;
    }

    /**
     * The fewest pollers that carry {@code ratePerSecond} in full batches, never fewer than {@code minPollers}. A
     * rate of zero (a drained queue) needs only the minimum.
     */
    static int idealPollers(double ratePerSecond, double rttMillis, int minPollers) {
        return idealPollers(ratePerSecond, rttMillis, minPollers, BATCH);
    }

    /** The same with batches of {@code meanBatch} messages on average (partial batches in the realistic mode). */
    static int idealPollers(double ratePerSecond, double rttMillis, int minPollers, double meanBatch) {
        if (!(ratePerSecond > 0) || !(rttMillis > 0)) {
            return minPollers;
        }
        // 1e-9: 800/s at exactly 50 ms is 4 pollers, not 5 through rounding noise
        int needed = (int) Math.ceil(ratePerSecond / supplyPerPoller(rttMillis, meanBatch) - 1e-9);
        return Math.max(minPollers, needed);
    }

    /** What could have been delivered: the route's capacity, or the offered load when that is less. */
    static double possibleRate(double capacity, double offeredPerSecond) {
        return Math.min(capacity, offeredPerSecond);
    }
}
