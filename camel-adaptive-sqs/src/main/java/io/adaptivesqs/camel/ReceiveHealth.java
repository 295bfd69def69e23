package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether SQS answers the pollers of one consumer, for the health check and for the log.
 * <p>
 * The health check reads {@link #isFailing()}: true from a failed receive until any receive succeeds.
 * <p>
 * The log tells of streaks, across all pollers of the consumer, so that a flaky network does not flood it. A streak
 * starts with a failed receive (one WARN line) and has recovered (one INFO line) at the first success once no receive
 * failed for {@link #RECOVERY_QUIET}: one poller's success amid the failures of others does not end it. A streak
 * lasts until a whole {@link #SUMMARY_INTERVAL} passed without a failure, so failures that come back meanwhile start
 * no new one; while they go on, one WARN line per interval counts them, and a last INFO line counts those since. An
 * outage shorter than the interval logs one WARN and one INFO.
 */
final class ReceiveHealth {

    static final Duration RECOVERY_QUIET = Duration.ofSeconds(5);
    static final Duration SUMMARY_INTERVAL = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveHealth.class);
    private static final long QUIET_NANOS = RECOVERY_QUIET.toNanos();
    private static final long SUMMARY_NANOS = SUMMARY_INTERVAL.toNanos();

    private final String queue;
    private final LongSupplier nanoClock;
    private final AtomicInteger failing = new AtomicInteger();
    private final AtomicReference<String> lastError = new AtomicReference<>();

    // the streak, guarded by this
    private boolean inStreak;
    private boolean recovered;
    private long streakStart;
    private long lastFailure;
    private long streakFailures;
    // receives since the last line that counted them
    private long windowStart;
    private long windowFailures;
    private long windowReceives;

    ReceiveHealth(String queue) {
        this(queue, System::nanoTime);
    }

    ReceiveHealth(String queue, LongSupplier nanoClock) {
        this.queue = queue;
        this.nanoClock = nanoClock;
    }

    void failed(Throwable error, long backoffMillis) {
        String described = error.getClass().getSimpleName() + ": " + error.getMessage();
        lastError.set(described);
        failing.incrementAndGet();
        List<Line> lines = new ArrayList<>(2);
        synchronized (this) {
            long now = nanoClock.getAsLong();
            endIfOver(now, lines);
            if (!inStreak) {
                inStreak = true;
                recovered = false;
                streakStart = now;
                streakFailures = 0;
                startWindow(now);
                lines.add(new Line(true, String.format(Locale.ROOT, "Receiving from %s failed, backing off (first "
                        + "pause %d ms); further failures are counted every %d s until receives succeed again: %s",
                        queue, backoffMillis, SUMMARY_INTERVAL.toSeconds(), described)));
            } else {
                windowFailures++;
                windowReceives++;
                if (now - windowStart >= SUMMARY_NANOS) {
                    lines.add(new Line(true, "Receiving from " + queue + " keeps failing: " + window(now)
                                             + "; last error: " + described));
                }
            }
            lastFailure = now;
            streakFailures++;
        }
        if (lines.isEmpty()) {
            LOG.debug("Receiving from {} failed again, next attempt in {} ms: {}", queue, backoffMillis, described);
        }
        log(lines);
    }

    /**
     * @param pollerStreak how many receives of this poller failed in a row before this one
     */
    void succeeded(int pollerStreak) {
        if (pollerStreak > 0 || failing.get() > 0) {
            failing.set(0);
        }
        List<Line> lines = new ArrayList<>(1);
        synchronized (this) {
            if (!inStreak) {
                return;
            }
            long now = nanoClock.getAsLong();
            windowReceives++;
            if (!recovered && now - lastFailure >= QUIET_NANOS) {
                recovered = true;
                lines.add(new Line(false, String.format(Locale.ROOT, "Receiving from %s recovered after %d failed "
                        + "receives in %s", queue, streakFailures, seconds(lastFailure - streakStart))));
                startWindow(now);
            }
            endIfOver(now, lines);
        }
        log(lines);
    }

    /** Ends the streak once a whole summary interval passed without a failure, counting what was not told yet. */
    private void endIfOver(long now, List<Line> lines) {
        // without a success since, a long pause between failures is backoff during an outage, not its end
        if (!inStreak || !recovered || now - lastFailure < SUMMARY_NANOS) {
            return;
        }
        inStreak = false;
        if (windowFailures > 0) {
            String quiet = seconds(now - lastFailure);
            lines.add(new Line(false, "Receiving from " + queue + " is steady again: " + window(now) + ", none in "
                                      + "the last " + quiet));
        }
    }

    private void startWindow(long now) {
        windowStart = now;
        windowFailures = 0;
        windowReceives = 0;
    }

    private String window(long end) {
        String counted = String.format(Locale.ROOT, "%d of %d receives failed in the last %s", windowFailures,
                windowReceives, seconds(end - windowStart));
        startWindow(end);
        return counted;
    }

    private static String seconds(long nanos) {
        return String.format(Locale.ROOT, "%.1f s", nanos / (double) TimeUnit.SECONDS.toNanos(1));
    }

    private static void log(List<Line> lines) {
        for (Line line : lines) {
            if (line.warn()) {
                LOG.warn(line.text());
            } else {
                LOG.info(line.text());
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

    private record Line(boolean warn, String text) {
    }
}
