package io.adaptivesqs.bench;

import java.util.List;

/**
 * The numbers of one contender on one scenario, over the scenario's measured span. NaN where a number does not
 * apply (no step, no latency measured, a single consumer); a step time is infinite when the step was never met.
 *
 * @param scenario           scenario name
 * @param mode               how SQS behaved: ideal or realistic
 * @param contender          contender label
 * @param throughput         completed / what could have been completed (capacity, or offered load when lower)
 * @param meanPollers        time-weighted mean of receives in flight, measured at the client, per consumer: the
 *                           pollers really running, the same figure for every contender
 * @param maxPollers         the most receives in flight at once, per consumer
 * @param idealPollers       pollers that carry the possible rate in full batches at the measured round trip
 * @param endPollers         poller count at the end (the highest, with several consumers)
 * @param receivesPerMessage ReceiveMessage calls per completed message
 * @param emptyReceiveRatio  share of ReceiveMessage calls that returned nothing
 * @param receivesPerSecond  ReceiveMessage calls per second, all consumers together (the idle cost when drained)
 * @param limboMean          mean messages received and not completed, per consumer
 * @param limboMax           the most seen at once, per consumer
 * @param timeTo90           seconds from the step up to 90% of the new possible throughput
 * @param pollersDown        seconds from the step down until pollers are back at the new ideal (+1 after a step)
 * @param p50Millis          median latency, send to completion
 * @param p99Millis          99th percentile latency
 * @param duplicates         completions beyond the first for a message id
 * @param missing            messages sent, never completed and not left in the queue
 * @param minShare           smallest consumer's share of all completions
 * @param cpu                mean machine CPU load over the span, 0..1
 * @param processCpu         the benchmark JVM's part of it (contenders and ElasticMQ), 0..1
 * @param timeTo95           seconds from the step up to 95% of the new possible throughput
 * @param phaseThroughput    throughput per phase (the first without its warm-up), as {@code throughput}
 * @param outOfOrder         FIFO: messages completed after a later message of their group
 * @param overlaps           FIFO: times two messages of one group were in the route at once
 * @param serviceOverrunMicros how much longer than its service time the route's wait lasted, per message (negative
 *                           when shorter): the machine's timer under this contender's load, not the contender's work;
 *                           at the capacity ceiling it moves the throughput by its share of the service time
 */
record Result(String scenario, String mode, String contender, double throughput, double meanPollers, double maxPollers,
              double idealPollers, int endPollers, double receivesPerMessage, double emptyReceiveRatio,
              double receivesPerSecond, double limboMean, double limboMax, double timeTo90, double pollersDown,
              double p50Millis, double p99Millis, long duplicates, long missing, double minShare, double cpu,
              double processCpu, double timeTo95, List<Double> phaseThroughput, long outOfOrder, long overlaps,
              double serviceOverrunMicros) {

    /** Above this mean load the CPU, not the contender, may have limited the numbers. */
    static final double CPU_SATURATED = 0.9;

    boolean cpuSaturated() {
        return cpu >= CPU_SATURATED;
    }
}
