package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Running totals written by pollers, consumers and the acknowledger, read by the supervisor and by status views.
 * Everything only grows (except the gauges), so a reader takes differences between two {@link #snapshot()}s.
 */
final class PipelineMetrics {

    private final LongSupplier nanoClock;

    private final LongAdder receiveCalls = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder receiveErrors = new LongAdder();
    private final LongAdder waitedReceives = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder answeredReceives = new LongAdder();
    private final LongAdder answeredReceiveNanos = new LongAdder();
    private final DoubleAdder answeredReceiveMillisSquared = new DoubleAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder started = new LongAdder();
    private final LongAdder serviceNanos = new LongAdder();
    private final Occupancy busyConsumers;
    private final Occupancy idleConsumers;
    private final Occupancy blockedPollers;
    private final LongAdder deleted = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final Object quiet = new Object();
    private volatile long longPollNanos = TimeUnit.SECONDS.toNanos(1);
    private volatile BacklogRead backlogRead = new BacklogRead(-1, 0, 0);

    PipelineMetrics() {
        this(System::nanoTime);
    }

    /** Metrics whose snapshots and backlog reads are timed by {@code nanoClock}, {@link System#nanoTime()} in use. */
    PipelineMetrics(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
        this.busyConsumers = new Occupancy(nanoClock);
        this.idleConsumers = new Occupancy(nanoClock);
        this.blockedPollers = new Occupancy(nanoClock);
    }

    /**
     * A receive returned after {@code durationNanos} with {@code messages} of the {@code asked}. A long poll returns as
     * soon as SQS has messages at hand, so one that brought at least half a batch was answered at once, however long
     * it took: only those measure the round trip. One that brought fewer and took longer than
     * {@link #longPollNanos(long)} waited at SQS for messages to arrive: the queue had none at hand. A partial batch
     * that came back sooner is neither: SQS samples a subset of its servers, so it says nothing about the backlog,
     * and it may have waited a little for a trickle, which would read as a slow round trip.
     */
    void receiveReturned(int messages, int asked, long durationNanos) {
        receiveCalls.increment();
        received.add(messages);
        if (messages == 0) {
            emptyReceives.increment();
        }
        if (messages > 0 && 2 * messages >= asked) {
            answeredReceives.increment();
            answeredReceiveNanos.add(durationNanos);
            double millis = durationNanos / 1e6;
            answeredReceiveMillisSquared.add(millis * millis);
        } else if (durationNanos > longPollNanos) {
            waitedReceives.increment();
        }
    }

    /** Receives that last longer than this count as long polls that waited; the supervisor sets it from the RTT. */
    void longPollNanos(long nanos) {
        longPollNanos = nanos;
    }

    long longPollNanos() {
        return longPollNanos;
    }

    /** The queue's ApproximateNumberOfMessages as just read, or -1 when it could not be read. */
    void backlog(long messages) {
        backlogRead = new BacklogRead(messages, nanoClock.getAsLong(), received.sum());
    }

    /** When the backlog was last read or found unknown (on the metrics' clock), 0 before that. */
    long backlogReadNanos() {
        return backlogRead.atNanos();
    }

    /** How long ago the backlog was last read or found unknown; {@link Long#MAX_VALUE} before the first read. */
    long sinceBacklogReadNanos() {
        long at = backlogRead.atNanos();
        return at == 0 ? Long.MAX_VALUE : nanoClock.getAsLong() - at;
    }

    /** The queue's ApproximateNumberOfMessages as last read, or -1 while unknown. */
    long backlog() {
        return backlogRead.messages();
    }

    /**
     * True when, since the count was last read, more messages were received than it held plus {@code round}: the
     * read no longer says what waits. A backlog that a step up took within a second, or one that built up while a
     * short count was believed, shows only in a new read.
     */
    boolean backlogOutrun(long round) {
        BacklogRead read = backlogRead;
        return read.messages() >= 0 && received.sum() - read.receivedBefore() > read.messages() + round;
    }

    void receiveFailed() {
        receiveErrors.increment();
    }

    /** Pollers holding a batch the buffer has not taken yet: entered after a receive, left once it is all in. */
    Occupancy blockedPollers() {
        return blockedPollers;
    }

    /** Consumer threads waiting for a message from the buffer. */
    Occupancy idleConsumers() {
        return idleConsumers;
    }

    void exchangeStarted() {
        started.increment();
        busyConsumers.enter();
    }

    void exchangeDone(boolean success, long serviceTimeNanos) {
        serviceNanos.add(serviceTimeNanos);
        (success ? completed : failed).increment();
        if (busyConsumers.leave() == 0) {
            synchronized (quiet) {
                quiet.notifyAll();
            }
        }
    }

    /**
     * Waits until {@code busy} (the exchanges in flight, and messages on their way to becoming one) reads 0, woken
     * when the last exchange ends; returns false when the time ran out. A message let go before it became an
     * exchange wakes no one, so the wait also looks again every 50 ms.
     */
    boolean awaitQuiet(IntSupplier busy, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (quiet) {
            while (busy.getAsInt() > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(quiet, Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)));
            }
        }
        return true;
    }

    /** A message that could not become an exchange counts as failed, without a service time. */
    void exchangeNotCreated() {
        failed.increment();
    }

    void deleted(int count) {
        deleted.add(count);
    }

    void released(int count) {
        released.add(count);
    }

    int inflight() {
        return busyConsumers.inside();
    }

    Snapshot snapshot() {
        return new Snapshot(nanoClock.getAsLong(), receiveCalls.sum(), emptyReceives.sum(), waitedReceives.sum(),
                receiveErrors.sum(), received.sum(), answeredReceives.sum(), answeredReceiveNanos.sum(),
                answeredReceiveMillisSquared.sum(), completed.sum(), failed.sum(), started.sum(), serviceNanos.sum(),
                busyConsumers.nanos(), idleConsumers.nanos(), blockedPollers.nanos(), deleted.sum(), released.sum());
    }

    /**
     * Totals at one instant. {@code serviceNanos} sums the times of the exchanges that ended; {@code
     * busyConsumerNanos} integrates the exchanges in flight over time, those under way included; {@code started}
     * counts the exchanges begun.
     */
    record Snapshot(long atNanos, long receiveCalls, long emptyReceives, long waitedReceives, long receiveErrors,
            long received, long answeredReceives, long answeredReceiveNanos, double answeredReceiveMillisSquared,
            long completed, long failed, long started, long serviceNanos, long busyConsumerNanos,
            long idleConsumerNanos, long blockedPollerNanos, long deleted, long released) {

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(atNanos - earlier.atNanos, receiveCalls - earlier.receiveCalls,
                    emptyReceives - earlier.emptyReceives, waitedReceives - earlier.waitedReceives,
                    receiveErrors - earlier.receiveErrors, received - earlier.received,
                    answeredReceives - earlier.answeredReceives,
                    answeredReceiveNanos - earlier.answeredReceiveNanos,
                    answeredReceiveMillisSquared - earlier.answeredReceiveMillisSquared, completed - earlier.completed,
                    failed - earlier.failed, started - earlier.started, serviceNanos - earlier.serviceNanos,
                    busyConsumerNanos - earlier.busyConsumerNanos, idleConsumerNanos - earlier.idleConsumerNanos,
                    blockedPollerNanos - earlier.blockedPollerNanos,
                    deleted - earlier.deleted, released - earlier.released);
        }

        long exchanges() {
            return completed + failed;
        }

        /**
         * The exchanges the window saw, those that crossed one of its ends as halves: the mean of those begun and
         * those ended. Over the time consumers were busy it is Little's law's service time, whether the window ends
         * in a lull (exchanges under way at its start all end in it, few begin) or in a rush (many begin, few end).
         */
        double exchangesSeen() {
            return (started + exchanges()) / 2.0;
        }
    }

    /** One read of the queue's count: what it said, when, and how many messages had been received by then. */
    private record BacklogRead(long messages, long atNanos, long receivedBefore) {
    }
}
