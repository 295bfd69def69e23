package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes completed messages in batches: a batch leaves when it holds ten receipt handles, when its first one has
 * waited {@code deleteBatchDelay}, or as soon as it holds an urgent one (on a FIFO queue, the delete that lets SQS hand
 * out a message group again while consumers wait for work). Batches are sent on a small pool so that deletes keep
 * pace with many pollers.
 * <p>
 * A delete that fails for a reason worth retrying (transport, 5xx, throttling) is retried with a growing pause while
 * the keeper extends its message, for at most {@link #MAX_RETRY_MILLIS} or half a visibility timeout. Anything else
 * (403, 400, an unexpected exception) is not retried. A message whose delete is given up is let go: SQS delivers it
 * again (at least once, never lost). Pending deletes are bounded too: beyond {@link #MAX_PENDING} a completed
 * message is let go at once rather than held in memory while SQS refuses deletes.
 */
final class Acknowledger implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Acknowledger.class);
    private static final long DRAIN_RETRY_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long MAX_RETRY_MILLIS = 60_000;
    static final int MAX_PENDING = 10_000;

    private final SqsQueue queue;
    private final VisibilityKeeper keeper;
    private final PipelineMetrics metrics;
    private final long batchDelayNanos;
    private final long retryWindowNanos;
    private final ExecutorService senders;
    private final BlockingQueue<String> pending = new LinkedBlockingQueue<>(MAX_PENDING);
    private final Set<String> urgent = ConcurrentHashMap.newKeySet();
    private final FailureStreak failures = new FailureStreak(LOG, "Deleting messages");
    private volatile boolean draining;
    private volatile boolean ended;
    /** The batching thread while it waits for a batch to fill: woken only when it is full, urgent or stopping. */
    private volatile Thread filling;
    private volatile long drainDeadlineNanos;

    Acknowledger(SqsQueue queue, VisibilityKeeper keeper, PipelineMetrics metrics, long batchDelayMillis,
                 int visibilityTimeoutSeconds, ExecutorService senders) {
        this.queue = queue;
        this.keeper = keeper;
        this.metrics = metrics;
        this.batchDelayNanos = TimeUnit.MILLISECONDS.toNanos(batchDelayMillis);
        this.retryWindowNanos = TimeUnit.MILLISECONDS.toNanos(
                Math.min(MAX_RETRY_MILLIS, TimeUnit.SECONDS.toMillis(visibilityTimeoutSeconds) / 2));
        this.senders = senders;
    }

    void delete(String receiptHandle) {
        delete(receiptHandle, false);
    }

    /** Deletes the message; an urgent delete goes out at once with whatever else is pending. */
    void delete(String receiptHandle, boolean now) {
        if (now) {
            urgent.add(receiptHandle);
        }
        if (ended || !pending.offer(receiptHandle)) {
            urgent.remove(receiptHandle);
            // stopped, or deletes are this far behind: SQS delivers it again rather than memory filling up
            keeper.forget(receiptHandle);
            failures.failed(new IllegalStateException(ended ? "stopped" : MAX_PENDING + " deletes pending"),
                    "a completed message was left to its visibility timeout");
        } else if (now || pending.size() >= SqsQueue.MAX_BATCH - 1) {
            // with the first delete the batching thread holds, these make a batch
            wakeBatching();
        }
    }

    private void wakeBatching() {
        Thread waiting = filling;
        if (waiting != null) {
            LockSupport.unpark(waiting);
        }
    }

    int pending() {
        return pending.size();
    }

    /** True while deletes keep failing; false again once one succeeds. */
    boolean isFailing() {
        return failures.isFailing();
    }

    /** Collects batches until {@link #drainAndStop()}; then sends what is left and returns. */
    @Override
    public void run() {
        try {
            while (!draining || !pending.isEmpty()) {
                List<String> batch = nextBatch();
                if (!batch.isEmpty()) {
                    hand(batch);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.warn("Delete batching interrupted with {} deletes pending; SQS will deliver those again",
                    pending.size());
        } finally {
            ended = true;
            List<String> left = new ArrayList<>();
            pending.drainTo(left);
            left.forEach(keeper::forget);
            urgent.clear();
        }
    }

    /**
     * Waits for a first delete, then until the batch is full, urgent or due. Only the first delete and the one that
     * fills the batch (or an urgent one) wake this thread: the consumer threads that complete the others do not pay
     * for a wake-up on their way to the next message.
     */
    private List<String> nextBatch() throws InterruptedException {
        String first = pending.poll(100, TimeUnit.MILLISECONDS);
        if (first == null) {
            return List.of();
        }
        long deadline = System.nanoTime() + batchDelayNanos;
        filling = Thread.currentThread();
        try {
            for (long left = batchDelayNanos; left > 0 && !mayLeave(); left = deadline - System.nanoTime()) {
                LockSupport.parkNanos(this, left);
                if (Thread.currentThread().isInterrupted()) {
                    // this batch still goes out; the next wait ends the loop
                    break;
                }
            }
        } finally {
            filling = null;
        }
        List<String> batch = new ArrayList<>(SqsQueue.MAX_BATCH);
        batch.add(first);
        pending.drainTo(batch, SqsQueue.MAX_BATCH - 1);
        batch.forEach(urgent::remove);
        return batch;
    }

    /** Full, urgent, or the acknowledger is stopping: the batch goes without waiting out its delay. */
    private boolean mayLeave() {
        return pending.size() >= SqsQueue.MAX_BATCH - 1 || !urgent.isEmpty() || draining;
    }

    private void hand(List<String> batch) {
        try {
            // when every sender is busy, the pool runs the batch on this thread (CallerRuns)
            senders.execute(() -> send(batch));
        } catch (RuntimeException e) {
            // the pool is shutting down: send it here
            send(batch);
        }
    }

    void drainAndStop() {
        drainDeadlineNanos = System.nanoTime() + DRAIN_RETRY_NANOS;
        draining = true;
        wakeBatching();
    }

    /** Sends one batch, retrying what may pass on a retry; never throws, whatever the client does. */
    private void send(List<String> batch) {
        long deadline = System.nanoTime() + retryWindowNanos;
        List<String> handles = batch;
        long pauseMillis = 100;
        for (int attempt = 1; ; attempt++) {
            Throwable failure;
            List<String> retry;
            try {
                retry = deleteOnce(handles);
                failure = retry.isEmpty() ? null : new IllegalStateException("refused by SQS for now");
            } catch (RuntimeException | Error e) {
                if (!SqsErrors.isTransient(e)) {
                    giveUp(handles, e, attempt);
                    return;
                }
                retry = handles;
                failure = e;
            }
            if (retry.isEmpty()) {
                failures.succeeded();
                return;
            }
            long giveUpAt = draining ? Math.min(deadline, drainDeadlineNanos) : deadline;
            if (System.nanoTime() - giveUpAt >= 0 || !pause(pauseMillis)) {
                giveUp(retry, failure, attempt);
                return;
            }
            handles = retry;
            pauseMillis = Math.min(pauseMillis * 2, 2000);
        }
    }

    /** One DeleteMessageBatch call; returns the handles worth another attempt. */
    private List<String> deleteOnce(List<String> handles) {
        var refused = queue.delete(handles);
        List<String> retry = new ArrayList<>();
        List<String> refusedHandles = refused.stream().map(SqsQueue.Refused::receiptHandle).toList();
        for (var entry : refused) {
            if (entry.senderFault()) {
                LOG.warn("SQS refused to delete a message ({}); it will be delivered again", entry.code());
                keeper.forget(entry.receiptHandle());
            } else {
                retry.add(entry.receiptHandle());
            }
        }
        metrics.deleted(handles.size() - refused.size());
        handles.stream().filter(h -> !refusedHandles.contains(h)).forEach(keeper::forget);
        return retry;
    }

    private void giveUp(List<String> handles, Throwable failure, int attempts) {
        handles.forEach(keeper::forget);
        failures.failed(failure, String.format("%d messages of %s left after %d attempt(s); SQS delivers them again",
                handles.size(), queue.url(), attempts));
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
