package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.slf4j.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One kind of failure in one part of the pipeline (deletes, visibility changes, the route): logged once at WARN when
 * a streak starts and once at INFO when it ends, the failures in between at DEBUG, so that a part that keeps failing
 * is visible without flooding the log. An SQS error is logged by its message; anything else with its stack trace,
 * because it points at a bug.
 */
final class FailureStreak {

    /**
     * A part that keeps failing fails again within this time (deletes retry every two seconds at most); one whose
     * streak ended without another call, because it had nothing more to do, no longer counts as failing after it.
     */
    private static final long STILL_FAILING_NANOS = TimeUnit.SECONDS.toNanos(3);

    private final Logger log;
    private final String what;
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile long lastFailureNanos;

    FailureStreak(Logger log, String what) {
        this.log = log;
        this.what = what;
    }

    /** Records a failure; {@code consequence} says what happens to the messages concerned. */
    void failed(Throwable error, String consequence) {
        lastError.set(error.getClass().getSimpleName() + ": " + error.getMessage());
        lastFailureNanos = System.nanoTime();
        if (failures.getAndIncrement() == 0) {
            String message = what + " failed; " + consequence
                             + ". Further failures are logged at DEBUG until it succeeds again: " + lastError.get();
            if (error instanceof SdkException) {
                log.warn(message);
            } else {
                log.warn(message, error);
            }
        } else {
            log.debug("{} failed again; {}: {}", what, consequence, lastError.get());
        }
    }

    void succeeded() {
        if (failures.get() > 0) {
            int streak = failures.getAndSet(0);
            if (streak > 0) {
                log.info("{} succeeds again after {} failures", what, streak);
            }
        }
    }

    /** True while failures keep coming and no call has succeeded since the streak began. */
    boolean isFailing() {
        return failures.get() > 0 && System.nanoTime() - lastFailureNanos < STILL_FAILING_NANOS;
    }
}
