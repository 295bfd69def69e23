package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Deletes completed messages in batches: a batch leaves when it holds ten receipt handles or when its first one has
 * waited {@code deleteBatchDelay}. Batches are sent on a small pool so that deletes keep pace with many pollers. A
 * delete that fails for a reason worth retrying is retried while its message's visibility is still kept; otherwise
 * SQS delivers the message again (at least once, never lost).
 */
final class Acknowledger implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);
    private static final long DRAIN_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final SqsQueue queue;
    private final VisibilityKeeper keeper;
    private final PipelineMetrics metrics;
    private final long batchDelayNanos;
    private final long retryWindowNanos;
    private final ExecutorService senders;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private volatile boolean draining;
    private volatile long drainDeadlineNanos;

    Acknowledger(SqsQueue queue, VisibilityKeeper keeper, PipelineMetrics metrics, long batchDelayMillis,
                 int visibilityTimeoutSeconds, ExecutorService senders) {
        this.queue = queue;
        this.keeper = keeper;
        this.metrics = metrics;
        this.batchDelayNanos = TimeUnit.MILLISECONDS.toNanos(batchDelayMillis);
        this.retryWindowNanos = TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds) / 2;
        this.senders = senders;
    }

    void delete(String receiptHandle) {
        pending.add(receiptHandle);
    }

    int pending() {
        return pending.size();
    }

    /** Collects batches until {@link #drainAndStop()}; then sends what is left and returns. */
    @Override
    public void run() {
        try {
            while (!draining || !pending.isEmpty()) {
                String first = pending.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                List<String> batch = new ArrayList<>(SqsQueue.MAX_BATCH);
                batch.add(first);
                long deadline = System.nanoTime() + batchDelayNanos;
                while (batch.size() < SqsQueue.MAX_BATCH) {
                    String next = pending.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                senders.execute(() -> send(batch));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Delete batching interrupted with {} deletes pending; SQS will deliver those again",
                    pending.size());
        }
    }

    void drainAndStop() {
        drainDeadlineNanos = System.nanoTime() + DRAIN_RETRY_NANOS;
        draining = true;
    }

    /**
     * Sends one batch, retrying what failed for a reason worth retrying (transport errors, 5xx, throttling) with a
     * growing pause, for up to half a visibility timeout (the keeper extends the messages meanwhile), or for a few
     * seconds once stopping. A sender fault, such as an expired receipt handle, is not retried.
     */
    private void send(List<String> batch) {
        long deadline = System.nanoTime() + retryWindowNanos;
        List<String> pendingHandles = batch;
        long pauseMillis = 100;
        for (int attempt = 1; ; attempt++) {
            String failure;
            List<String> retry = new ArrayList<>();
            try {
                var refused = queue.delete(pendingHandles);
                List<String> refusedHandles = refused.stream().map(SqsQueue.Refused::receiptHandle).toList();
                for (var entry : refused) {
                    if (entry.senderFault()) {
                        LOG.warn("SQS refused to delete a message ({}); it will be delivered again", entry.code());
                        keeper.forget(entry.receiptHandle());
                    } else {
                        retry.add(entry.receiptHandle());
                    }
                }
                pendingHandles.stream().filter(h -> !refusedHandles.contains(h)).forEach(keeper::forget);
                metrics.deleted(pendingHandles.size() - refused.size());
                failure = retry.isEmpty() ? null : "refused by SQS";
            } catch (SdkException e) {
                retry.addAll(pendingHandles);
                failure = e.getMessage();
            }
            if (retry.isEmpty()) {
                return;
            }
            long now = System.nanoTime();
            long giveUpAt = draining ? Math.min(deadline, drainDeadlineNanos) : deadline;
            if (now - giveUpAt >= 0 || !pause(pauseMillis)) {
                LOG.warn("Could not delete {} messages from {} after {} attempts; they will be delivered again: {}",
                        retry.size(), queue.url(), attempt, failure);
                retry.forEach(keeper::forget);
                return;
            }
            pendingHandles = retry;
            pauseMillis = Math.min(pauseMillis * 2, 2000);
        }
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
