package io.adaptivesqs.camel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The buffer of a FIFO queue: messages are kept per {@code MessageGroupId}, in the order SQS returned them, and a
 * consumer is handed the next message of a group that has none in the route. Groups run in parallel; a busy group
 * holds back only its own messages. Like {@link java.util.concurrent.DelayQueue}, {@link #size()} counts every
 * message held while {@link #poll} hands out only those that may start now.
 * <p>
 * SQS returns a group's messages together and no more of that group while any is in flight, so a group brings at
 * most one batch at a time. The bound is therefore on groups waiting for a consumer ({@code queueSize}): a message
 * that would start a new waiting group waits for room, one that joins its group's batch does not (a hard cap on
 * messages guards against a server that does not keep groups apart).
 * <p>
 * When an exchange fails, the messages of its group that were received before the failure must not run after it:
 * those held here go back to SQS at once, and those a poller received but has not offered yet go back when it
 * offers them. SQS then delivers the group again from the failed message once that becomes visible.
 */
final class MessageGroups extends TimedBlockingQueue<Message> {

    private final int waitingGroupsCapacity;
    private final int maxHeld;
    private final Consumer<List<Message>> handBack;
    private final ReentrantLock lock = new ReentrantLock();
    private final Set<String> seenSinceAsked = new HashSet<>(); // guarded by lock
    private final Condition startable = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final Map<String, MessageGroup> groups = new HashMap<>();
    private final ArrayDeque<MessageGroup> waitingGroups = new ArrayDeque<>();
    private final Map<String, MessageGroup> inRoute = new HashMap<>();
    private final Occupancy orderBound = new Occupancy(System::nanoTime);
    private int held;
    /** Consumers waiting in {@link #poll} for a message they may start. */
    private int waitingTakers;

    /**
     * @param waitingGroupsCapacity groups that may wait for a consumer at once ({@code queueSize})
     * @param maxHeld               messages held at most, whatever the groups
     * @param handBack              returns messages to SQS at once (visibility 0)
     */
    MessageGroups(int waitingGroupsCapacity, int maxHeld, Consumer<List<Message>> handBack) {
        this.waitingGroupsCapacity = waitingGroupsCapacity;
        this.maxHeld = maxHeld;
        this.handBack = handBack;
    }

    /** A receive returned these messages: they belong to their groups from now, before a poller offers them. */
    void received(List<Message> messages) {
        lock.lock();
        try {
            for (Message message : messages) {
                String group = MessageGroup.idOf(message);
                group(group).received(message.receiptHandle());
                seenSinceAsked.add(group);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * How many distinct groups receives brought since the last call: more receives at once than groups to bring
     * cannot bring more messages.
     */
    int takeGroupsSeen() {
        lock.lock();
        try {
            int seen = seenSinceAsked.size();
            seenSinceAsked.clear();
            return seen;
        } finally {
            lock.unlock();
        }
    }

    /**
     * The exchange of a message handed out by {@link #poll} is done. On success the group's next message may start;
     * on failure the group's messages received so far go back to SQS.
     *
     * @return true when it succeeded as the last message of its group held here while a consumer waits for work: its
     * delete is what lets SQS hand out the group again, so it should not wait to fill a batch
     */
    boolean finished(String receiptHandle, boolean success) {
        List<Message> stale = List.of();
        boolean releasesGroup;
        lock.lock();
        try {
            MessageGroup group = inRoute.remove(receiptHandle);
            if (group == null) {
                return false;
            }
            group.inRoute = false;
            if (success) {
                if (!group.waiting.isEmpty()) {
                    waitingGroups.add(group);
                    startable.signal();
                }
            } else {
                stale = group.failed();
                held -= stale.size();
                room.signalAll();
            }
            releasesGroup = success && group.isIdle() && waitingTakers > 0;
            evictIfIdle(group);
        } finally {
            lock.unlock();
        }
        handBack.accept(stale);
        return releasesGroup;
    }

    /**
     * Total nanoseconds consumers waited while messages were held but every one of them was behind its group, the
     * waits under way included.
     */
    long orderBoundNanos() {
        return orderBound.nanos();
    }

    @Override
    public boolean offer(Message message, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        String id = MessageGroup.idOf(message);
        String handle = message.receiptHandle();
        lock.lockInterruptibly();
        try {
            while (true) {
                MessageGroup group = group(id);
                if (group.offeredStale(handle)) {
                    evictIfIdle(group);
                    break;
                }
                if (hasRoomFor(group)) {
                    group.offered(message);
                    held++;
                    if (!group.inRoute && group.waiting.size() == 1) {
                        waitingGroups.add(group);
                        startable.signal();
                    }
                    return true;
                }
                if (nanos <= 0) {
                    evictIfIdle(group);
                    return false;
                }
                nanos = room.awaitNanos(nanos);
            }
        } finally {
            lock.unlock();
        }
        // received before its group failed: it must not run after the failed message
        handBack.accept(List.of(message));
        return true;
    }

    private boolean hasRoomFor(MessageGroup group) {
        if (held >= maxHeld) {
            return false;
        }
        return group.hasStarted() || waitingGroups.size() < waitingGroupsCapacity;
    }

    @Override
    public Message poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (waitingGroups.isEmpty()) {
                if (nanos <= 0) {
                    return null;
                }
                boolean behindGroups = held > 0;
                if (behindGroups) {
                    orderBound.enter();
                }
                waitingTakers++;
                try {
                    nanos = startable.awaitNanos(nanos);
                } finally {
                    waitingTakers--;
                    if (behindGroups) {
                        orderBound.leave();
                    }
                }
            }
            return start(waitingGroups.poll());
        } finally {
            lock.unlock();
        }
    }

    private Message start(MessageGroup group) {
        Message message = group.waiting.poll();
        held--;
        group.inRoute = true;
        inRoute.put(message.receiptHandle(), group);
        room.signalAll();
        return message;
    }

    @Override
    public Message poll() {
        lock.lock();
        try {
            return waitingGroups.isEmpty() ? null : start(waitingGroups.poll());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Message peek() {
        lock.lock();
        try {
            return waitingGroups.isEmpty() ? null : waitingGroups.peek().waiting.peek();
        } finally {
            lock.unlock();
        }
    }

    /** Takes a message back out, as a stopping poller does with an offer that slipped in. */
    @Override
    public boolean remove(Object o) {
        if (!(o instanceof Message message)) {
            return false;
        }
        lock.lock();
        try {
            MessageGroup group = groups.get(MessageGroup.idOf(message));
            if (group == null || !group.waiting.remove(message)) {
                return false;
            }
            held--;
            if (group.waiting.isEmpty()) {
                waitingGroups.remove(group);
            }
            evictIfIdle(group);
            room.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Hands out messages held, whatever their group, as the pipeline does when it stops. Drained without a limit, it
     * also forgets what pollers received and have not offered: a stopping poller hands those back itself.
     */
    @Override
    public int drainTo(Collection<? super Message> sink, int maxElements) {
        lock.lock();
        try {
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
            room.signalAll();
            return drained;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return held;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        return maxHeld - size();
    }

    /** A snapshot of the messages held, group by group; it does not support removal. */
    @Override
    public Iterator<Message> iterator() {
        lock.lock();
        try {
            List<Message> all = new ArrayList<>(held);
            groups.values().forEach(group -> all.addAll(group.waiting));
            return List.copyOf(all).iterator();
        } finally {
            lock.unlock();
        }
    }

    /** Groups tracked now: with messages held, in the route, or received and not yet offered. */
    int trackedGroups() {
        lock.lock();
        try {
            return groups.size();
        } finally {
            lock.unlock();
        }
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
