package io.adaptivesqs.camel;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * One message group of a FIFO queue as {@link MessageGroups} sees it: its messages held in SQS order, whether one is
 * in the route, and the receipt handles a poller received and has not offered yet. Not thread-safe: guarded by the
 * lock of its {@link MessageGroups}.
 */
final class MessageGroup {

    /** Messages without a group id (a server that did not return the attribute) share one group: order is kept. */
    private static final String NO_GROUP = "";

    final String id;
    final ArrayDeque<Message> waiting = new ArrayDeque<>();
    boolean inRoute;
    /** Receipt handles a poller received and has not offered yet. */
    private final Set<String> unoffered = new HashSet<>();
    /** Receipt handles received before the group's last failure and not offered yet: they go back when offered. */
    private final Set<String> stale = new HashSet<>();

    MessageGroup(String id) {
        this.id = id;
    }

    static String idOf(Message message) {
        String group = message.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID);
        return group == null ? NO_GROUP : group;
    }

    void received(String receiptHandle) {
        unoffered.add(receiptHandle);
    }

    /** A poller offers the message: true if it was received before the group's last failure and must go back. */
    boolean offeredStale(String receiptHandle) {
        return stale.remove(receiptHandle);
    }

    void offered(Message message) {
        unoffered.remove(message.receiptHandle());
        waiting.add(message);
    }

    /** A message of this group adds no group waiting for a consumer: one is in the route, or others wait. */
    boolean hasStarted() {
        return inRoute || !waiting.isEmpty();
    }

    /**
     * Its message in the route failed: returns the messages held, which must go back, and marks those received and
     * not yet offered to go back when offered.
     */
    List<Message> failed() {
        List<Message> held = List.copyOf(waiting);
        waiting.clear();
        stale.addAll(unoffered);
        unoffered.clear();
        return held;
    }

    /** The pipeline stops: pollers hand back what they have not offered themselves. */
    void forgetUnoffered() {
        unoffered.clear();
        stale.clear();
    }

    /** Nothing held, in the route or expected from a poller: the group need not be remembered. */
    boolean isIdle() {
        return !inRoute && waiting.isEmpty() && unoffered.isEmpty() && stale.isEmpty();
    }
}
