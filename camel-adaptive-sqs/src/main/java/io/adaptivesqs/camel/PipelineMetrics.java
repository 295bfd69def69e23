package io.adaptivesqs.camel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals written by pollers, consumers and the acknowledger, read by the supervisor and by status views.
 * Everything only grows (except the gauges), so a reader takes differences between two {@link #snapshot()}s.
 */
final class PipelineMetrics {

    private final LongAdder receiveCalls = new LongAdder();
    private final LongAdder emptyReceives = new LongAdder();
    private final LongAdder receiveErrors = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder nonEmptyReceiveNanos = new LongAdder();
    private final LongAdder nonEmptyReceives = new LongAdder();
    private final LongAdder fullReceiveNanos = new LongAdder();
    private final LongAdder fullReceives = new LongAdder();
    private final LongAdder completed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder serviceNanos = new LongAdder();
    private final LongAdder idleConsumerNanos = new LongAdder();
    private final LongAdder blockedPollerNanos = new LongAdder();
    private final LongAdder deleted = new LongAdder();
    private final LongAdder released = new LongAdder();
    private final AtomicInteger inflight = new AtomicInteger();

    /**
     * A receive returned. Only a full batch measures the round trip cleanly: SQS had the messages at once, while an
     * empty or partial batch may include a long poll's wait for them.
     */
    void receiveReturned(int messages, boolean full, long rttNanos) {
        receiveCalls.increment();
        received.add(messages);
        if (messages == 0) {
            emptyReceives.increment();
            return;
        }
        nonEmptyReceives.increment();
        nonEmptyReceiveNanos.add(rttNanos);
        if (full) {
            fullReceives.increment();
            fullReceiveNanos.add(rttNanos);
        }
    }

    void receiveFailed() {
        receiveErrors.increment();
    }

    void pollerBlocked(long nanos) {
        blockedPollerNanos.add(nanos);
    }

    void consumerIdle(long nanos) {
        idleConsumerNanos.add(nanos);
    }

    void exchangeStarted() {
        inflight.incrementAndGet();
    }

    void exchangeDone(boolean success, long serviceTimeNanos) {
        inflight.decrementAndGet();
        serviceNanos.add(serviceTimeNanos);
        (success ? completed : failed).increment();
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
        return inflight.get();
    }

    Snapshot snapshot() {
        return new Snapshot(System.nanoTime(), receiveCalls.sum(), emptyReceives.sum(), receiveErrors.sum(),
                received.sum(), nonEmptyReceives.sum(), nonEmptyReceiveNanos.sum(), fullReceives.sum(),
                fullReceiveNanos.sum(), completed.sum(), failed.sum(),
                serviceNanos.sum(), idleConsumerNanos.sum(), blockedPollerNanos.sum(), deleted.sum(), released.sum());
    }

    /** Totals at one instant. */
    record Snapshot(long atNanos, long receiveCalls, long emptyReceives, long receiveErrors, long received,
            long nonEmptyReceives, long nonEmptyReceiveNanos, long fullReceives, long fullReceiveNanos, long completed, long failed, long serviceNanos,
            long idleConsumerNanos, long blockedPollerNanos, long deleted, long released) {

        static final Snapshot ZERO = new Snapshot(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

        Snapshot minus(Snapshot earlier) {
            return new Snapshot(atNanos - earlier.atNanos, receiveCalls - earlier.receiveCalls,
                    emptyReceives - earlier.emptyReceives, receiveErrors - earlier.receiveErrors,
                    received - earlier.received, nonEmptyReceives - earlier.nonEmptyReceives,
                    nonEmptyReceiveNanos - earlier.nonEmptyReceiveNanos, fullReceives - earlier.fullReceives,
                    fullReceiveNanos - earlier.fullReceiveNanos, completed - earlier.completed,
                    failed - earlier.failed, serviceNanos - earlier.serviceNanos,
                    idleConsumerNanos - earlier.idleConsumerNanos, blockedPollerNanos - earlier.blockedPollerNanos,
                    deleted - earlier.deleted, released - earlier.released);
        }

        long exchanges() {
            return completed + failed;
        }
    }
}
