package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Holds every message in limbo: received, and neither deleted nor handed back. While a message is held its
 * visibility is extended before it expires, whether it waits in a poller's hands, in the buffer or in the route.
 * <p>
 * A hand-back (visibility 0) and an extension of the same message must not cross: an extension that reached SQS
 * after the hand-back would hide the message for a whole visibility timeout again. So each held message knows
 * whether an extension for it is under way, and a hand-back during one is sent by the extender once its call
 * returned.
 */
final class VisibilityKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityKeeper.class);
    /** Refusals that only mean the message is no longer ours to keep: deleted meanwhile, or already visible. */
    private static final Set<String> GONE = Set.of("ReceiptHandleIsInvalid", "MessageNotInflight");

    private final SqsQueue queue;
    private final PipelineMetrics metrics;
    private final int visibilityTimeoutSeconds;
    private final Executor batchSenders;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final FailureStreak extensionFailures = new FailureStreak(LOG, "Extending message visibility");
    private final FailureStreak releaseFailures = new FailureStreak(LOG, "Handing messages back");

    /** One message in limbo; its fields are guarded by itself. */
    private static final class Held {
        long visibleUntilNanos;
        boolean extending;
        boolean released;
        boolean releaseAfterExtension;

        Held(long visibleUntilNanos) {
            this.visibleUntilNanos = visibleUntilNanos;
        }
    }

    private record Claimed(String receiptHandle, Held held) {
    }

    VisibilityKeeper(SqsQueue queue, PipelineMetrics metrics, int visibilityTimeoutSeconds, Executor batchSenders) {
        this.queue = queue;
        this.metrics = metrics;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        this.batchSenders = batchSenders;
    }

    /** How often {@link #extendDue()} should run: four times per visibility timeout, at most every 250 ms. */
    long extensionPeriodMillis() {
        return Math.max(250, TimeUnit.SECONDS.toMillis(visibilityTimeoutSeconds) / 4);
    }

    void hold(List<Message> messages, long receivedAtNanos) {
        long until = receivedAtNanos + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds);
        for (Message message : messages) {
            held.put(message.receiptHandle(), new Held(until));
        }
    }

    /** The message was deleted, or its exchange failed and SQS should deliver it again once visible. */
    void forget(String receiptHandle) {
        Held message = held.remove(receiptHandle);
        if (message != null) {
            synchronized (message) {
                message.released = true;
            }
        }
    }

    int held() {
        return held.size();
    }

    /** True while visibility changes keep failing. */
    boolean isFailing() {
        return extensionFailures.isFailing() || releaseFailures.isFailing();
    }

    /** Hands messages back to SQS at once (visibility 0) so another consumer can take them. */
    void release(Collection<Message> messages) {
        List<String> now = new ArrayList<>(messages.size());
        for (Message message : messages) {
            Held state = held.remove(message.receiptHandle());
            if (state != null) {
                synchronized (state) {
                    state.released = true;
                    if (state.extending) {
                        state.releaseAfterExtension = true;
                        continue;
                    }
                }
            }
            now.add(message.receiptHandle());
        }
        sendRelease(now);
    }

    private void sendRelease(List<String> handles) {
        for (List<String> batch : batches(handles)) {
            try {
                var refused = queue.changeVisibility(batch, 0);
                if (!refused.isEmpty()) {
                    LOG.debug("SQS refused to release {} of {} messages: {}", refused.size(), batch.size(), refused);
                }
                metrics.released(batch.size() - refused.size());
                releaseFailures.succeeded();
            } catch (RuntimeException | Error e) {
                releaseFailures.failed(e, batch.size() + " messages of " + queue.url()
                                          + " become visible after their visibility timeout instead");
            }
        }
    }

    /**
     * Extends every held message that would become visible within half a visibility timeout. The batches go out
     * side by side, so that tens of messages with a short timeout are all extended within about one round trip.
     */
    void extendDue() {
        long now = System.nanoTime();
        long horizon = now + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds) / 2;
        List<Claimed> due = new ArrayList<>();
        held.forEach((handle, state) -> {
            synchronized (state) {
                if (!state.released && !state.extending && state.visibleUntilNanos - horizon < 0) {
                    state.extending = true;
                    due.add(new Claimed(handle, state));
                }
            }
        });
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        for (List<Claimed> batch : batches(due)) {
            try {
                calls.add(CompletableFuture.runAsync(() -> extend(batch, now), batchSenders));
            } catch (RuntimeException rejected) {
                extend(batch, now);
            }
        }
        calls.forEach(CompletableFuture::join);
    }

    private void extend(List<Claimed> batch, long sentAtNanos) {
        List<String> handles = batch.stream().map(Claimed::receiptHandle).toList();
        List<String> refusedHandles = List.of();
        boolean extended = false;
        try {
            var refused = queue.changeVisibility(handles, visibilityTimeoutSeconds);
            // a sender fault (deleted meanwhile, or past SQS's limits) will not pass on a later try either
            refusedHandles = refused.stream().filter(SqsQueue.Refused::senderFault)
                    .map(SqsQueue.Refused::receiptHandle).toList();
            extended = true;
            extensionFailures.succeeded();
            reportRefused(refused);
        } catch (RuntimeException | Error e) {
            extensionFailures.failed(e, batch.size() + " messages of " + queue.url() + " are tried again");
        } finally {
            long until = sentAtNanos + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds);
            List<String> handBack = new ArrayList<>();
            for (Claimed claimed : batch) {
                Held state = claimed.held();
                synchronized (state) {
                    state.extending = false;
                    if (state.releaseAfterExtension) {
                        handBack.add(claimed.receiptHandle());
                    } else if (refusedHandles.contains(claimed.receiptHandle())) {
                        held.remove(claimed.receiptHandle(), state);
                    } else if (extended) {
                        state.visibleUntilNanos = until;
                    }
                }
            }
            // handed back while the extension was under way: now that it has landed, the hand-back goes after it
            sendRelease(handBack);
        }
    }

    private void reportRefused(List<SqsQueue.Refused> refused) {
        List<SqsQueue.Refused> unexpected = refused.stream().filter(r -> !GONE.contains(r.code())).toList();
        refused.stream().filter(r -> GONE.contains(r.code()))
                .forEach(r -> LOG.debug("Not extending a message that is gone: {}", r));
        if (!unexpected.isEmpty()) {
            // such as SQS's 12-hour limit on a message's total visibility
            extensionFailures.failed(new IllegalStateException("refused: " + unexpected.get(0).code()),
                    unexpected.size() + " messages of " + queue.url() + " can no longer be kept invisible and may "
                    + "be delivered again while still in the route");
        }
    }

    static <T> List<List<T>> batches(List<T> items) {
        List<List<T>> batches = new ArrayList<>();
        for (int from = 0; from < items.size(); from += SqsQueue.MAX_BATCH) {
            batches.add(items.subList(from, Math.min(items.size(), from + SqsQueue.MAX_BATCH)));
        }
        return batches;
    }
}
