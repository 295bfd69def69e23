package io.adaptivesqs.bench;

/**
 * A stretch of a scenario with fixed conditions.
 *
 * @param name          shown in progress and charts
 * @param seconds       how long it lasts (at most, when {@code untilDrained})
 * @param serviceMillis simulated work per message in the route
 * @param rttMillis     round trip added to every SQS call
 * @param offered       messages per second the producer sends; {@link Double#POSITIVE_INFINITY} for a pre-filled
 *                      backlog, 0 for none
 * @param sendBatch     messages per send call at a set rate (1 sends singly, for clean latency)
 * @param untilDrained  end the phase early once every message sent so far has completed
 * @param randomArrivals at a set rate, send at random (Poisson) times instead of evenly spaced ({@link Arrivals})
 */
record Phase(String name, double seconds, double serviceMillis, double rttMillis, double offered, int sendBatch,
             boolean untilDrained, boolean randomArrivals) {

    static Phase backlog(String name, double seconds, double serviceMillis, double rttMillis) {
        return new Phase(name, seconds, serviceMillis, rttMillis, Double.POSITIVE_INFINITY, 10, false, false);
    }

    static Phase rate(String name, double seconds, double serviceMillis, double rttMillis, double perSecond,
                      int sendBatch) {
        return new Phase(name, seconds, serviceMillis, rttMillis, perSecond, sendBatch, false, false);
    }

    static Phase idle(String name, double seconds, double serviceMillis, double rttMillis) {
        return new Phase(name, seconds, serviceMillis, rttMillis, 0, 1, false, false);
    }

    Phase endingWhenDrained() {
        return new Phase(name, seconds, serviceMillis, rttMillis, offered, sendBatch, true, randomArrivals);
    }

    Phase arrivingAtRandom() {
        return new Phase(name, seconds, serviceMillis, rttMillis, offered, sendBatch, untilDrained, true);
    }

    boolean hasBacklog() {
        return Double.isInfinite(offered);
    }

    boolean producing() {
        return offered > 0 && !hasBacklog();
    }

    double capacity(int concurrentConsumers) {
        return Capacity.routeCapacity(concurrentConsumers, serviceMillis);
    }
}
