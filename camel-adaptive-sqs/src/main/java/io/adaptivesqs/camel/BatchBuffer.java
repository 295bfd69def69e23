package io.adaptivesqs.camel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * The buffer of a standard queue: {@code capacity} messages, plus the rest of the batch that a poller is handing in.
 * The poller whose turn it is puts its whole batch in at once, and consumers take from it at once; the poller waits
 * until what is left fits within the capacity, which is the moment its last message would have found room had it
 * offered one at a time. So it leaves for its next receive at the same moment, holds the same messages meanwhile, and
 * wakes once per batch rather than once per message taken, while a consumer that finds the buffer empty gets a
 * message as the batch comes in rather than after the poller wakes to offer it.
 */
final class BatchBuffer<E> extends TimedBlockingQueue<E> {

    private final int capacity;
    private final ArrayDeque<E> messages = new ArrayDeque<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition withinCapacity = lock.newCondition();

    BatchBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Puts the batch in whole and waits until the buffer is back within its capacity. If {@code stopped} reads true
     * before then, takes back and returns the batch's messages no consumer took; the timed waits of
     * {@code checkNanos} only notice a stop.
     */
    @Override
    List<E> handIn(List<E> batch, long checkNanos, BooleanSupplier stopped) throws InterruptedException {
        lock.lock();
        try {
            if (stopped.getAsBoolean()) {
                return batch;
            }
            messages.addAll(batch);
            for (int i = 0; i < batch.size(); i++) {
                notEmpty.signal();
            }
            while (messages.size() > capacity) {
                if (stopped.getAsBoolean()) {
                    return takeBack(batch);
                }
                withinCapacity.awaitNanos(checkNanos);
            }
            return List.of();
        } finally {
            lock.unlock();
        }
    }

    private List<E> takeBack(List<E> batch) {
        List<E> untaken = new ArrayList<>();
        for (E message : batch) {
            if (messages.removeIf(held -> held == message)) {
                untaken.add(message);
            }
        }
        return untaken;
    }

    @Override
    public boolean offer(E message, long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (messages.size() >= capacity) {
                if (left <= 0) {
                    return false;
                }
                left = withinCapacity.awaitNanos(left);
            }
            messages.addLast(message);
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lockInterruptibly();
        try {
            while (messages.isEmpty()) {
                if (left <= 0) {
                    return null;
                }
                left = notEmpty.awaitNanos(left);
            }
            return takeFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E poll() {
        lock.lock();
        try {
            return messages.isEmpty() ? null : takeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock: a poller waiting with its batch, or an offer, may go on once the buffer is within capacity. */
    private E takeFirst() {
        E first = messages.pollFirst();
        if (messages.size() <= capacity) {
            withinCapacity.signal();
        }
        return first;
    }

    @Override
    public int drainTo(Collection<? super E> sink, int maxElements) {
        lock.lock();
        try {
            int drained = 0;
            while (drained < maxElements && !messages.isEmpty()) {
                sink.add(takeFirst());
                drained++;
            }
            return drained;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean remove(Object message) {
        lock.lock();
        try {
            boolean removed = messages.remove(message);
            if (removed && messages.size() <= capacity) {
                withinCapacity.signal();
            }
            return removed;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public E peek() {
        lock.lock();
        try {
            return messages.peekFirst();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int size() {
        lock.lock();
        try {
            return messages.size();
        } finally {
            lock.unlock();
        }
    }

    /** At most the capacity: the rest of a batch being handed in is still its poller's, blocked on a full buffer. */
    @Override
    int depth() {
        return Math.min(capacity, size());
    }

    @Override
    public int remainingCapacity() {
        return Math.max(0, capacity - size());
    }

    /** A snapshot: the buffer changes under consumers and pollers. */
    @Override
    public Iterator<E> iterator() {
        lock.lock();
        try {
            return List.copyOf(messages).iterator();
        } finally {
            lock.unlock();
        }
    }
}
