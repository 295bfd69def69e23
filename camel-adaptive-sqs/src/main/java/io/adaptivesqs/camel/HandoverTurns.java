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
 * too, its visibility ticking. Waiting pollers are then let through one at a time, spaced by how long the last turn
 * took (the time consumers needed to take one batch), so their receives are paced by consumption rather than
 * released together, which would put them back in lockstep.
 */
final class HandoverTurns {

    /** Let-throughs are never spaced further apart than this, whatever the last turn took. */
    private static final long MAX_PACING_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long CHECK_MILLIS = 1;

    private final ReentrantLock turn = new ReentrantLock(true);
    private final ReentrantLock waitingToReceive = new ReentrantLock(true);
    private final AtomicLong lastTurnNanos = new AtomicLong();
    private long turnTakenAt; // guarded by turn
    private long lastLetThroughAt; // guarded by waitingToReceive

    /**
     * Returns at once unless a batch already waits for its turn; otherwise waits until none does and the last turn's
     * duration has passed since the last poller was let through. Returns the nanoseconds spent waiting.
     */
    long awaitReceive(BooleanSupplier cancelled) throws InterruptedException {
        if (!turn.hasQueuedThreads()) {
            return 0;
        }
        long start = System.nanoTime();
        waitingToReceive.lockInterruptibly();
        try {
            while (!cancelled.getAsBoolean()) {
                long spacing = Math.min(lastTurnNanos.get(), MAX_PACING_NANOS);
                if (!turn.hasQueuedThreads() && System.nanoTime() - lastLetThroughAt >= spacing) {
                    break;
                }
                TimeUnit.MILLISECONDS.sleep(CHECK_MILLIS);
            }
            lastLetThroughAt = System.nanoTime();
        } finally {
            waitingToReceive.unlock();
        }
        return System.nanoTime() - start;
    }

    /** Waits up to {@code millis} for the turn to hand over a batch. */
    boolean tryTake(long millis) throws InterruptedException {
        if (turn.tryLock(millis, TimeUnit.MILLISECONDS)) {
            turnTakenAt = System.nanoTime();
            return true;
        }
        return false;
    }

    void release() {
        lastTurnNanos.set(System.nanoTime() - turnTakenAt);
        turn.unlock();
    }
}
