package io.adaptivesqs.runner;

import java.time.Duration;
import java.util.Locale;

import io.adaptivesqs.camel.ConsumerStatus;

/**
 * Formats one status line from two snapshots of a consumer: rates are the difference of the totals over the time
 * between them.
 */
final class StatusLine {

    private StatusLine() {
    }

    /**
     * @param previous the snapshot one interval ago, or null when this consumer is new (rates count from zero)
     * @param current  the snapshot now
     * @param elapsed  the time between the two
     */
    static String format(ConsumerStatus previous, ConsumerStatus current, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        boolean restarted = previous == null || current.received() < previous.received();
        long receivedBefore = restarted ? 0 : previous.received();
        long completedBefore = restarted ? 0 : previous.completed();
        long failedBefore = restarted ? 0 : previous.failed();
        StringBuilder line = new StringBuilder()
                .append(current.queue())
                .append(" pollers ").append(current.activePollers()).append('/').append(current.targetPollers())
                .append(", received ").append(rate(current.received() - receivedBefore, seconds))
                .append(", completed ").append(rate(current.completed() - completedBefore, seconds));
        long failed = current.failed() - failedBefore;
        if (failed > 0) {
            line.append(", failed ").append(rate(failed, seconds));
        }
        line.append(", buffer ").append(current.bufferDepth())
                .append(", inflight ").append(current.inflight());
        if (current.lastDecision() != null && !current.lastDecision().isBlank()) {
            line.append(" | ").append(current.lastDecision());
        }
        return line.toString();
    }

    private static String rate(long count, double seconds) {
        return String.format(Locale.ROOT, "%.1f msg/s", count / seconds);
    }
}
