package io.adaptivesqs.camel;

import java.util.Collection;
import java.util.Iterator;
import java.util.List;
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
 * <p>
 * The groups themselves are kept in a {@link GroupTable}; this class guards it with one lock and does the waiting:
 * pollers for room, consumers for a message they may start.
 */
final class MessageGroups extends TimedBlockingQueue<Message> {

    private final Consumer<List<Message>> handBack;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition startable = lock.newCondition();
    private final Condition room = lock.newCondition();
    private final GroupTable table; // guarded by lock
    private final Occupancy orderBound = new Occupancy(System::nanoTime);
    /** Consumers waiting in {@link #poll} for a message they may start. */
    private int waitingTakers;

    /**
     * @param waitingGroupsCapacity groups that may wait for a consumer at once ({@code queueSize})
     * @param maxHeld               messages held at most, whatever the groups
     * @param handBack              returns messages to SQS at once (visibility 0)
     */
    MessageGroups(int waitingGroupsCapacity, int maxHeld, Consumer<List<Message>> handBack) {
        this.table = new GroupTable(waitingGroupsCapacity, maxHeld);
        this.handBack = handBack;
    }

    /** A receive returned these messages: they belong to their groups from now, before a poller offers them. */
    void received(List<Message> messages) {
        lock.lock();
        try {
            table.received(messages);
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
            return table.takeGroupsSeen();
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
        GroupTable.Finished finished;
        boolean releasesGroup;
        lock.lock();
        try {
            finished = table.finished(receiptHandle, success);
            if (finished.startable()) {
                startable.signal();
            }
            if (!success && finished.handedOut()) {
                room.signalAll();
            }
            releasesGroup = success && finished.groupIdle() && waitingTakers > 0;
        } finally {
            lock.unlock();
        }
        handBack.accept(finished.stale());
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
        lock.lockInterruptibly();
        try {
            GroupTable.Offered offered;
            while ((offered = table.offer(message)) == GroupTable.Offered.NO_ROOM) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = room.awaitNanos(nanos);
            }
            if (offered == GroupTable.Offered.STARTABLE) {
                startable.signal();
            }
            if (offered != GroupTable.Offered.STALE) {
                return true;
            }
        } finally {
            lock.unlock();
        }
        // received before its group failed: it must not run after the failed message
        handBack.accept(List.of(message));
        return true;
    }

    @Override
    public Message poll(long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (!table.hasStartable()) {
                if (nanos <= 0) {
                    return null;
                }
                boolean behindGroups = table.held() > 0;
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
            return start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Message poll() {
        lock.lock();
        try {
            return table.hasStartable() ? start() : null;
        } finally {
            lock.unlock();
        }
    }

    private Message start() {
        Message message = table.start();
        room.signalAll();
        return message;
    }

    @Override
    public Message peek() {
        lock.lock();
        try {
            return table.peekStartable();
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
            boolean removed = table.remove(message);
            if (removed) {
                room.signalAll();
            }
            return removed;
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
            int drained = table.drainTo(sink, maxElements);
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
            return table.held();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int remainingCapacity() {
        lock.lock();
        try {
            return table.maxHeld() - table.held();
        } finally {
            lock.unlock();
        }
    }

    /** A snapshot of the messages held, group by group; it does not support removal. */
    @Override
    public Iterator<Message> iterator() {
        lock.lock();
        try {
            return table.snapshot().iterator();
        } finally {
            lock.unlock();
        }
    }

    /** Groups tracked now: with messages held, in the route, or received and not yet offered. */
    int trackedGroups() {
        lock.lock();
        try {
            return table.trackedGroups();
        } finally {
            lock.unlock();
        }
    }
}
