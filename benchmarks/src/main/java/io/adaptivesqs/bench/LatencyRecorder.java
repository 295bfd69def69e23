package io.adaptivesqs.bench;

import org.HdrHistogram.ConcurrentHistogram;

/** End-to-end latency, send to route completion, of the messages of one trial. */
final class LatencyRecorder {

    /** Three significant digits, from a microsecond up to ten minutes. */
    private final ConcurrentHistogram histogram = new ConcurrentHistogram(1, 600_000_000L, 3);

    void record(long sentNanos, long doneNanos) {
        long micros = Math.max(1, (doneNanos - sentNanos) / 1000);
        histogram.recordValue(Math.min(micros, histogram.getHighestTrackableValue()));
    }

    long count() {
        return histogram.getTotalCount();
    }

    /** The latency at {@code percentile} (0..100) in milliseconds; NaN when nothing was recorded. */
    double millisAt(double percentile) {
        return count() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
