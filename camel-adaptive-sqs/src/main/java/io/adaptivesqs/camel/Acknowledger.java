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
 * delete that fails for a reason worth retrying is retried; otherwise SQS delivers the message again (at least
 * once, never lost).
 */
final class Acknowledger implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);
    private static final int ATTEMPTS = 3;

    private final SqsQueue queue;
    private final VisibilityKeeper keeper;
    private final PipelineMetrics metrics;
    private final long batchDelayNanos;
    private final ExecutorService senders;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>();
    private volatile boolean draining;

    Acknowledger(SqsQueue queue, VisibilityKeeper keeper, PipelineMetrics metrics, long batchDelayMillis,
                 ExecutorService senders) {
        this.queue = queue;
        this.keeper = keeper;
        this.metrics = metrics;
        this.batchDelayNanos = TimeUnit.MILLISECONDS.toNanos(batchDelayMillis);
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
                senders.execute(() -> send(batch, 1));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Delete batching interrupted with {} deletes pending; SQS will deliver those again",
                    pending.size());
        }
    }

    void drainAndStop() {
        draining = true;
    }

    private static boolean pause(int attempt) {
        try {
            Thread.sleep(100L << attempt);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void send(List<String> batch, int attempt) {
        List<String> retry = new ArrayList<>();
        try {
            var refused = queue.delete(batch);
            for (var entry : refused) {
                if (entry.senderFault() || attempt >= ATTEMPTS) {
                    LOG.warn("SQS refused to delete a message ({}); it will be delivered again", entry.code());
                    keeper.forget(entry.receiptHandle());
                } else {
                    retry.add(entry.receiptHandle());
                }
            }
            int done = batch.size() - refused.size();
            batch.stream().filter(h -> refused.stream().noneMatch(r -> r.receiptHandle().equals(h)))
                    .forEach(keeper::forget);
            metrics.deleted(done);
        } catch (SdkException e) {
            if (attempt >= ATTEMPTS) {
                LOG.warn("Could not delete {} messages from {} after {} attempts; they will be delivered again: {}",
                        batch.size(), queue.url(), attempt, e.getMessage());
                batch.forEach(keeper::forget);
                return;
            }
            retry.addAll(batch);
        }
        if (!retry.isEmpty() && pause(attempt)) {
            send(retry, attempt + 1);
        }
    }
}
