package io.adaptivesqs.camel;

import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queue's ApproximateNumberOfMessages for the supervisor: a direct sign of whether a thin batch means a
 * short queue or only SQS answering from a subset of its servers. One GetQueueAttributes call per read, every
 * {@code backlogCheckInterval}, and sooner (a second after the last read at the earliest) once the pollers have
 * received more than the count held plus a round of batches: a count they outran says nothing of what waits now,
 * neither of a backlog taken since nor of one that built up behind a short count. When SQS refuses or fails the
 * call, the backlog becomes unknown, which the supervisor reads as "no sign either way"; the first failure of a
 * streak is logged at WARN, the recovery at INFO.
 */
final class BacklogProbe implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);
    /** The shortest time between two reads: the probe runs this often. */
    static final long OUTRUN_READ_MILLIS = 1000;
    private static final long OUTRUN_READ_NANOS = TimeUnit.MILLISECONDS.toNanos(OUTRUN_READ_MILLIS);

    private final SqsQueue queue;
    private final PipelineMetrics metrics;
    private final long intervalNanos;
    private final long slackNanos;
    private final IntSupplier roundOfBatches;
    private boolean failing;

    /** A probe timed by the metrics' clock, from the last read they recorded. */
    BacklogProbe(SqsQueue queue, PipelineMetrics metrics, long intervalMillis, IntSupplier roundOfBatches) {
        this.queue = queue;
        this.metrics = metrics;
        this.intervalNanos = TimeUnit.MILLISECONDS.toNanos(intervalMillis);
        // half a run's period, so that a read due at this run is not put off to the next one
        this.slackNanos = TimeUnit.MILLISECONDS.toNanos(periodMillis(intervalMillis)) / 2;
        this.roundOfBatches = roundOfBatches;
    }

    /** How often to call {@link #run()}: at the shortest time between two reads, or the interval if shorter. */
    static long periodMillis(long intervalMillis) {
        return Math.min(intervalMillis, OUTRUN_READ_MILLIS);
    }

    @Override
    public void run() {
        long sinceRead = metrics.sinceBacklogReadNanos();
        boolean due = sinceRead >= intervalNanos - slackNanos
                      || (sinceRead >= OUTRUN_READ_NANOS - slackNanos
                          && metrics.backlogOutrun(roundOfBatches.getAsInt()));
        if (!due) {
            return;
        }
        try {
            metrics.backlog(queue.approximateBacklog());
            if (failing) {
                failing = false;
                LOG.info("Reading the backlog of {} works again", queue.url());
            }
        } catch (RuntimeException e) {
            // a scheduled task that throws is never run again: record "unknown" and try on the next run
            metrics.backlog(-1);
            if (!failing) {
                failing = true;
                LOG.warn("Cannot read ApproximateNumberOfMessages of {} (needs sqs:GetQueueAttributes); the "
                         + "supervisor goes without the backlog until it can: {}", queue.url(), e.toString());
            }
        }
    }
}
