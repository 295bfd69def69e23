package io.adaptivesqs.camel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether SQS answers the pollers. Logs once when a streak of receive failures starts and once when it ends, however
 * many pollers fail meanwhile; the health check reads it.
 */
final class ReceiveHealth {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveHealth.class);

    private final String queue;
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile long streakStartNanos;

    ReceiveHealth(String queue) {
        this.queue = queue;
    }

    void failed(Throwable error, long backoffMillis) {
        lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        if (failing.getAndIncrement() == 0) {
            streakStartNanos = System.nanoTime();
            LOG.warn("Receiving from {} failed, backing off (first pause {} ms); further failures are logged at "
                     + "DEBUG until it recovers: {}", queue, backoffMillis, lastError.get());
        } else {
            LOG.debug("Receiving from {} failed again, next attempt in {} ms: {}", queue, backoffMillis,
                    lastError.get());
        }
    }

    void succeeded(int pollerStreak) {
        if (pollerStreak > 0 || failing.get() > 0) {
            int failures = failing.getAndSet(0);
            if (failures > 0) {
                LOG.info("Receiving from {} recovered after {} failed attempts in {} ms", queue, failures,
                        (System.nanoTime() - streakStartNanos) / 1_000_000);
            }
        }
    }

    /** True while the most recent receives failed and none has succeeded since. */
    boolean isFailing() {
        return failing.get() > 0;
    }

    int failuresInStreak() {
        return failing.get();
    }

    String lastError() {
        return lastError.get();
    }
}
