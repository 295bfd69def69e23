package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

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
 * <p>
 * SQS keeps a message invisible for 12 hours at most, counted from the receive that returned it, and refuses an
 * extension past that rather than shortening it. The last extension asks for what is left, and a warning says that the
 * message will become visible while still held.
 */
final class VisibilityKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityKeeper.class);
    /** Refusals that only mean the message is no longer ours to keep: deleted meanwhile, or already visible. */
    private static final Set<String> GONE = Set.of("ReceiptHandleIsInvalid", "MessageNotInflight");
    /** The longest SQS keeps a message invisible, counted from the receive that returned it. */
    static final long MOST_INVISIBLE_SECONDS = TimeUnit.HOURS.toSeconds(12);
    /**
     * What the keeper leaves of those 12 hours: its count starts when the receive was sent, before SQS's, but an
     * extension reaches SQS a network delay, and perhaps the SDK's retries, after it was sent.
     */
    static final long LIMIT_MARGIN_SECONDS = 60;

    private final SqsQueue queue;
    private final PipelineMetrics metrics;
    private final int visibilityTimeoutSeconds;
    private final Executor batchSenders;
    private final LongSupplier nanoClock;
    private final Map<String, Held> held = new ConcurrentHashMap<>();
    private final FailureStreak extensionFailures = new FailureStreak(LOG, "Extending message visibility");
    private final FailureStreak releaseFailures = new FailureStreak(LOG, "Handing messages back");

    /** One message in limbo; its fields are guarded by itself. */
    private static final class Held {
        final long receivedAtNanos;
        long visibleUntilNanos;
        boolean extending;
        /** Extended as far as SQS allows: no extension is tried any more. */
        boolean atLimit;
        boolean released;
        boolean releaseAfterExtension;

        Held(long receivedAtNanos, long visibleUntilNanos) {
            this.receivedAtNanos = receivedAtNanos;
            this.visibleUntilNanos = visibleUntilNanos;
        }
    }

    private record Claimed(String receiptHandle, Held held) {
    }

    VisibilityKeeper(SqsQueue queue, PipelineMetrics metrics, int visibilityTimeoutSeconds, Executor batchSenders) {
        this(queue, metrics, visibilityTimeoutSeconds, batchSenders, System::nanoTime);
    }

    /** With the clock that {@link #hold}'s receive times come from. */
    VisibilityKeeper(SqsQueue queue, PipelineMetrics metrics, int visibilityTimeoutSeconds, Executor batchSenders,
                     LongSupplier nanoClock) {
        this.queue = queue;
        this.metrics = metrics;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
        this.batchSenders = batchSenders;
        this.nanoClock = nanoClock;
    }

    /** How often {@link #extendDue()} should run: four times per visibility timeout, at most every 250 ms. */
    long extensionPeriodMillis() {
        return Math.max(250, TimeUnit.SECONDS.toMillis(visibilityTimeoutSeconds) / 4);
    }

    /** Holds messages that a receive sent at {@code receivedAtNanos} returned. */
    void hold(List<Message> messages, long receivedAtNanos) {
        long until = receivedAtNanos + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds);
        for (Message message : messages) {
            held.put(message.receiptHandle(), new Held(receivedAtNanos, until));
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
     * Extends every held message that would become visible within half a visibility timeout, by the visibility timeout
     * or by what is left of SQS's 12 hours. The batches go out side by side, so that tens of messages with a short
     * timeout are all extended within about one round trip.
     */
    void extendDue() {
        long now = nanoClock.getAsLong();
        long horizon = now + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds) / 2;
        Map<Integer, List<Claimed>> dueBySeconds = new TreeMap<>();
        List<String> pastLimit = new ArrayList<>();
        held.forEach((handle, state) -> {
            synchronized (state) {
                if (!state.released && !state.extending && !state.atLimit && state.visibleUntilNanos - horizon < 0) {
                    int seconds = extensionSeconds(state, now);
                    if (seconds < 1) {
                        state.atLimit = true;
                        pastLimit.add(handle);
                    } else {
                        state.extending = true;
                        dueBySeconds.computeIfAbsent(seconds, s -> new ArrayList<>()).add(new Claimed(handle, state));
                    }
                }
            }
        });
        if (!pastLimit.isEmpty()) {
            LOG.warn("{} messages of {} have been invisible for SQS's limit of 12 hours: they become visible again and "
                     + "may be delivered again while still in the route", pastLimit.size(), queue.url());
        }
        List<CompletableFuture<Void>> calls = new ArrayList<>();
        dueBySeconds.forEach((seconds, due) -> {
            for (List<Claimed> batch : batches(due)) {
                try {
                    calls.add(CompletableFuture.runAsync(() -> extend(batch, seconds, now), batchSenders));
                } catch (RuntimeException rejected) {
                    extend(batch, seconds, now);
                }
            }
        });
        calls.forEach(CompletableFuture::join);
    }

    /** The visibility timeout, or what SQS's 12 hours leave of it: at most 0 once they are spent. */
    private int extensionSeconds(Held state, long nowNanos) {
        long heldSeconds = (nowNanos - state.receivedAtNanos + 999_999_999) / 1_000_000_000; // rounded up
        long left = MOST_INVISIBLE_SECONDS - LIMIT_MARGIN_SECONDS - heldSeconds;
        return (int) Math.max(0, Math.min(visibilityTimeoutSeconds, left));
    }

    private void extend(List<Claimed> batch, int seconds, long sentAtNanos) {
        List<String> handles = batch.stream().map(Claimed::receiptHandle).toList();
        List<String> refusedHandles = List.of();
        boolean extended = false;
        boolean last = seconds < visibilityTimeoutSeconds;
        try {
            var refused = queue.changeVisibility(handles, seconds);
            // a sender fault (deleted meanwhile, or past SQS's limits) will not pass on a later try either
            refusedHandles = refused.stream().filter(SqsQueue.Refused::senderFault)
                    .map(SqsQueue.Refused::receiptHandle).toList();
            extended = true;
            extensionFailures.succeeded();
            reportRefused(refused);
            if (last) {
                LOG.warn("{} messages of {} are kept invisible for the last {} s of SQS's limit of 12 hours: they then "
                         + "become visible again and may be delivered again while still in the route",
                        batch.size() - refusedHandles.size(), queue.url(), seconds);
            }
        } catch (RuntimeException | Error e) {
            extensionFailures.failed(e, batch.size() + " messages of " + queue.url() + " are tried again");
        } finally {
            long until = sentAtNanos + TimeUnit.SECONDS.toNanos(seconds);
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
                        state.atLimit = last;
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
            // such as SQS's 12-hour limit on a message's total visibility, should an extension reach SQS later than
            // the margin allows
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
