package io.adaptivesqs.camel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * What {@link MessageGroups} holds, group by group: the messages of each group in SQS order, the groups with a
 * message that may start now (in the order they became startable), and which group each message in the route belongs
 * to. Not thread-safe: {@link MessageGroups} guards it with its lock and does the waiting.
 */
final class GroupTable {

    /** How an offered message was taken. */
    enum Offered {
        /** Held; it starts its group's turn, so a consumer may take it now. */
        STARTABLE,
        /** Held behind its group's earlier messages. */
        HELD,
        /** Received before its group failed: it must go back to SQS instead. */
        STALE,
        /** Not taken: it would start a new waiting group beyond the bound, or pass the cap on messages. */
        NO_ROOM
    }

    /** An exchange of a message handed out finished: what that changed for its group. */
    record Finished(boolean handedOut, boolean startable, boolean groupIdle, List<Message> stale) {
        static final Finished NOT_HANDED_OUT = new Finished(false, false, false, List.of());
    }

    private final int waitingGroupsCapacity;
    private final int maxHeld;
    private final Map<String, MessageGroup> groups = new HashMap<>();
    private final ArrayDeque<MessageGroup> waitingGroups = new ArrayDeque<>();
    private final Map<String, MessageGroup> inRoute = new HashMap<>();
    private final Set<String> seenSinceAsked = new HashSet<>();
    private int held;

    GroupTable(int waitingGroupsCapacity, int maxHeld) {
        this.waitingGroupsCapacity = waitingGroupsCapacity;
        this.maxHeld = maxHeld;
    }

    void received(List<Message> messages) {
        for (Message message : messages) {
            String group = MessageGroup.idOf(message);
            group(group).received(message.receiptHandle());
            seenSinceAsked.add(group);
        }
    }

    int takeGroupsSeen() {
        int seen = seenSinceAsked.size();
        seenSinceAsked.clear();
        return seen;
    }

    Offered offer(Message message) {
        MessageGroup group = group(MessageGroup.idOf(message));
        if (group.offeredStale(message.receiptHandle())) {
            evictIfIdle(group);
            return Offered.STALE;
        }
        if (!hasRoomFor(group)) {
            evictIfIdle(group);
            return Offered.NO_ROOM;
        }
        group.offered(message);
        held++;
        if (!group.inRoute && group.waiting.size() == 1) {
            waitingGroups.add(group);
            return Offered.STARTABLE;
        }
        return Offered.HELD;
    }

    private boolean hasRoomFor(MessageGroup group) {
        if (held >= maxHeld) {
            return false;
        }
        return group.hasStarted() || waitingGroups.size() < waitingGroupsCapacity;
    }

    boolean hasStartable() {
        return !waitingGroups.isEmpty();
    }

    /** Hands out the next message that may start (there must be one): its group is in the route from now. */
    Message start() {
        MessageGroup group = waitingGroups.poll();
        Message message = group.waiting.poll();
        held--;
        group.inRoute = true;
        inRoute.put(message.receiptHandle(), group);
        return message;
    }

    Message peekStartable() {
        return waitingGroups.isEmpty() ? null : waitingGroups.peek().waiting.peek();
    }

    /**
     * On success the group's next message may start; on failure the group's messages held are taken out, to go back
     * to SQS, and those received and not yet offered go back when offered.
     */
    Finished finished(String receiptHandle, boolean success) {
        MessageGroup group = inRoute.remove(receiptHandle);
        if (group == null) {
            return Finished.NOT_HANDED_OUT;
        }
        group.inRoute = false;
        boolean startable = false;
        List<Message> stale = List.of();
        if (success) {
            if (!group.waiting.isEmpty()) {
                waitingGroups.add(group);
                startable = true;
            }
        } else {
            stale = group.failed();
            held -= stale.size();
        }
        boolean idle = group.isIdle();
        evictIfIdle(group);
        return new Finished(true, startable, idle, stale);
    }

    boolean remove(Message message) {
        MessageGroup group = groups.get(MessageGroup.idOf(message));
        if (group == null || !group.waiting.remove(message)) {
            return false;
        }
        held--;
        if (group.waiting.isEmpty()) {
            waitingGroups.remove(group);
        }
        evictIfIdle(group);
        return true;
    }

    /** Takes out up to {@code maxElements} messages held, whatever their group; see {@link MessageGroups#drainTo}. */
    int drainTo(Collection<? super Message> sink, int maxElements) {
        int drained = 0;
        for (MessageGroup group : List.copyOf(groups.values())) {
            while (drained < maxElements && !group.waiting.isEmpty()) {
                sink.add(group.waiting.poll());
                drained++;
            }
            if (group.waiting.isEmpty()) {
                waitingGroups.remove(group);
            }
            if (maxElements == Integer.MAX_VALUE) {
                group.forgetUnoffered();
            }
            evictIfIdle(group);
        }
        held -= drained;
        return drained;
    }

    int held() {
        return held;
    }

    int maxHeld() {
        return maxHeld;
    }

    List<Message> snapshot() {
        List<Message> all = new ArrayList<>(held);
        groups.values().forEach(group -> all.addAll(group.waiting));
        return List.copyOf(all);
    }

    int trackedGroups() {
        return groups.size();
    }

    private MessageGroup group(String id) {
        return groups.computeIfAbsent(id, MessageGroup::new);
    }

    private void evictIfIdle(MessageGroup group) {
        if (group.isIdle()) {
            groups.remove(group.id, group);
        }
    }
}
