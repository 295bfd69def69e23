package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Orders the pollers' access to the buffer. Batches enter whole and in arrival order (a fair lock): interleaved,
 * every blocked poller would finish at the same moment and leave for its next receive in lockstep, and the buffer
 * would run dry during their common round trip.
 * <p>
 * A poller also waits before receiving while another batch already waits for its turn: that batch would only wait
 * too, its visibility ticking. Waiting pollers are let through one per batch that gets its turn, so their receives
 * are paced by consumption rather than released together, which would put them back in lockstep.
 */
final class HandoverTurns {

    /** A let-through does not wait longer than this for a turn to be taken, so that a drained queue stalls no one. */
    private static final long MAX_PACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long CHECK_MILLIS = 1;

    private final ReentrantLock turn = new ReentrantLock(true);
    private final ReentrantLock waitingToReceive = new ReentrantLock(true);
    private final AtomicLong turnsTaken = new AtomicLong();
    private long turnsAtLastLetThrough = -1; // guarded by waitingToReceive

    /**
     * Returns at once unless a batch already waits for its turn; otherwise waits until none does and a turn has been
     * taken since the last poller was let through. Returns the nanoseconds spent waiting.
     */
    long awaitReceive(BooleanSupplier cancelled) throws InterruptedException {
        if (!turn.hasQueuedThreads()) {
            return 0;
        }
        long start = System.nanoTime();
        waitingToReceive.lockInterruptibly();
        try {
            long pacedSince = System.nanoTime();
            while (!cancelled.getAsBoolean()) {
                if (turn.hasQueuedThreads()) {
                    pacedSince = System.nanoTime();
                } else if (turnsTaken.get() > turnsAtLastLetThrough
                           || System.nanoTime() - pacedSince > MAX_PACING_NANOS) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(CHECK_MILLIS);
            }
            turnsAtLastLetThrough = turnsTaken.get();
        } finally {
            waitingToReceive.unlock();
        }
        return System.nanoTime() - start;
    }

    /** Waits up to {@code millis} for the turn to hand over a batch. */
    boolean tryTake(long millis) throws InterruptedException {
        if (turn.tryLock(millis, TimeUnit.MILLISECONDS)) {
            turnsTaken.incrementAndGet();
            return true;
        }
        return false;
    }

    void release() {
        turn.unlock();
    }
}
