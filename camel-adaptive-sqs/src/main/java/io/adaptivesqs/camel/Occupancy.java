package io.adaptivesqs.camel;

import java.util.function.LongSupplier;

/**
 * How many threads are in one state (consumers waiting on an empty buffer, pollers blocked on a full one, exchanges
 * in flight), summed over time: thread-nanoseconds, as read at any instant. A stay still under way counts up to the
 * read, so a window that ends now shows the consumers that started waiting a moment ago, rather than the waits that
 * happened to end in it: a step that starves every consumer shows at the next look, not one wait later.
 */
final class Occupancy {

    private final LongSupplier nanoClock;
    private int inside;
    /** When {@link #inside} last changed; {@link #totalNanos} covers the time up to it. */
    private long changedAt;
    private long totalNanos;

    Occupancy(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** A thread enters the state; pair with {@link #leave()} in a {@code finally}. */
    synchronized void enter() {
        advance();
        inside++;
    }

    /** A thread leaves the state; returns how many are still in it. */
    synchronized int leave() {
        advance();
        return --inside;
    }

    /** Threads in the state now. */
    synchronized int inside() {
        return inside;
    }

    /** Thread-nanoseconds spent in the state so far, the stays under way included. */
    synchronized long nanos() {
        advance();
        return totalNanos;
    }

    private void advance() {
        long now = nanoClock.getAsLong();
        totalNanos += inside * (now - changedAt);
        changedAt = now;
    }
}
