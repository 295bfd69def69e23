package io.adaptivesqs.camel;

/**
 * A point-in-time view of one adaptive-sqs consumer, for status lines, metrics and benchmarks. Totals count from
 * the consumer's start; rates come from the difference of two snapshots.
 *
 * @param queue               the queue name or URL as configured
 * @param activePollers       polling loops running now
 * @param targetPollers       polling loops the supervisor asked for
 * @param bufferDepth         messages waiting in the buffer
 * @param inflight            exchanges in the route now
 * @param limbo               messages received and not yet deleted or released
 * @param received            messages received
 * @param completed           exchanges completed successfully
 * @param failed              exchanges that failed (left for SQS to redeliver)
 * @param deleted             messages deleted from the queue
 * @param released            messages handed back to SQS without processing (on stop or suspend)
 * @param receiveCalls        ReceiveMessage calls that returned
 * @param emptyReceives       ReceiveMessage calls that returned no message
 * @param receiveErrors       ReceiveMessage calls that failed
 * @param serviceTimeMillis   smoothed time an exchange spends in the route
 * @param receiveRttMillis    smoothed round trip of a ReceiveMessage call that brought at least half a batch
 * @param lastDecision        the supervisor's last reason, in words
 * @param waitedReceives      ReceiveMessage calls that waited in a long poll for messages to arrive
 * @param backlog             the queue's ApproximateNumberOfMessages as last read, -1 while unknown
 * @param backlogBatch        smoothed messages a ReceiveMessage call brings while the queue's count shows a backlog,
 *                            NaN until 20 receives taught it
 */
public record ConsumerStatus(
        String queue,
        int activePollers,
        int targetPollers,
        int bufferDepth,
        int inflight,
        int limbo,
        long received,
        long completed,
        long failed,
        long deleted,
        long released,
        long receiveCalls,
        long emptyReceives,
        long receiveErrors,
        double serviceTimeMillis,
        double receiveRttMillis,
        String lastDecision,
        long waitedReceives,
        long backlog,
        double backlogBatch) {
}
