package io.adaptivesqs.bench;

import java.util.Map;

/**
 * What one consumer asked of SQS, counted by {@link InstrumentedSqsClient}.
 *
 * @param receiveCalls         ReceiveMessage calls that returned
 * @param emptyReceives        of those, calls that returned no message
 * @param messagesReceived     messages the receives returned
 * @param nonEmptyReceives     receives that returned messages
 * @param nonEmptyReceiveNanos their summed round trip, injected latency included
 * @param releasedMessages     messages handed back with visibility 0
 * @param deletedMessages      messages deleted, singly or in batches
 * @param receiveErrors        receives failed by injected throttling or unavailability
 * @param callsByOperation     every call by SQS operation name, failed ones included
 */
record CallCounts(long receiveCalls, long emptyReceives, long messagesReceived, long nonEmptyReceives,
                  long nonEmptyReceiveNanos, long releasedMessages, long deletedMessages, long receiveErrors,
                  Map<String, Long> callsByOperation) {
}
