package io.adaptivesqs.camel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the queue's ApproximateNumberOfMessages every few seconds for the supervisor: a direct sign of whether a
 * thin batch means a short queue or only SQS answering from a subset of its servers. One GetQueueAttributes call per
 * run. When SQS refuses or fails the call, the backlog becomes unknown, which the supervisor reads as "no sign either
 * way"; the first failure of a streak is logged at WARN, the recovery at INFO.
 */
final class BacklogProbe implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(BacklogProbe.class);

    private final SqsQueue queue;
    private final PipelineMetrics metrics;
    private boolean failing;

    BacklogProbe(SqsQueue queue, PipelineMetrics metrics) {
        this.queue = queue;
        this.metrics = metrics;
    }

    @Override
    public void run() {
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
