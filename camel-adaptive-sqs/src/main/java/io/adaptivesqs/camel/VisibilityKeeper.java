package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Holds every message in limbo: received, and neither deleted nor handed back. While a message is held its
 * visibility is extended before it expires, whether it waits in a poller's hands, in the buffer or in the route.
 */
final class VisibilityKeeper {

    private static final Logger LOG = LoggerFactory.getLogger(VisibilityKeeper.class);

    private final SqsQueue queue;
    private final PipelineMetrics metrics;
    private final int visibilityTimeoutSeconds;
    private final Map<String, Long> visibleUntilNanos = new ConcurrentHashMap<>();

    VisibilityKeeper(SqsQueue queue, PipelineMetrics metrics, int visibilityTimeoutSeconds) {
        this.queue = queue;
        this.metrics = metrics;
        this.visibilityTimeoutSeconds = visibilityTimeoutSeconds;
    }

    /** How often {@link #extendDue()} should run: four times per visibility timeout, at most every 250 ms. */
    long extensionPeriodMillis() {
        return Math.max(250, TimeUnit.SECONDS.toMillis(visibilityTimeoutSeconds) / 4);
    }

    void hold(List<Message> messages, long receivedAtNanos) {
        long until = receivedAtNanos + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds);
        for (Message message : messages) {
            visibleUntilNanos.put(message.receiptHandle(), until);
        }
    }

    /** The message was deleted, or its exchange failed and SQS should deliver it again once visible. */
    void forget(String receiptHandle) {
        visibleUntilNanos.remove(receiptHandle);
    }

    int held() {
        return visibleUntilNanos.size();
    }

    /** Hands messages back to SQS at once (visibility 0) so another consumer can take them. */
    void release(Collection<Message> messages) {
        if (messages.isEmpty()) {
            return;
        }
        List<String> handles = messages.stream().map(Message::receiptHandle).toList();
        for (List<String> batch : batches(handles)) {
            try {
                var refused = queue.changeVisibility(batch, 0);
                if (!refused.isEmpty()) {
                    LOG.debug("SQS refused to release {} of {} messages: {}", refused.size(), batch.size(), refused);
                }
            } catch (SdkException e) {
                LOG.warn("Could not release {} messages to {}; they become visible after their visibility timeout: {}",
                        batch.size(), queue.url(), e.getMessage());
            }
            batch.forEach(visibleUntilNanos::remove);
            metrics.released(batch.size());
        }
    }

    /** Extends every held message that would become visible within half a visibility timeout. */
    void extendDue() {
        long now = System.nanoTime();
        long horizon = now + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds) / 2;
        List<String> due = new ArrayList<>();
        visibleUntilNanos.forEach((handle, until) -> {
            if (until - horizon < 0) {
                due.add(handle);
            }
        });
        for (List<String> batch : batches(due)) {
            try {
                var refused = queue.changeVisibility(batch, visibilityTimeoutSeconds);
                long until = now + TimeUnit.SECONDS.toNanos(visibilityTimeoutSeconds);
                for (String handle : batch) {
                    visibleUntilNanos.computeIfPresent(handle, (h, old) -> until);
                }
                for (var entry : refused) {
                    // typically the message was deleted meanwhile; nothing to keep visible any more
                    LOG.debug("SQS refused to extend visibility: {}", entry);
                    if (entry.senderFault()) {
                        visibleUntilNanos.remove(entry.receiptHandle());
                    }
                }
            } catch (SdkException e) {
                LOG.warn("Could not extend the visibility of {} messages on {}; will retry: {}", batch.size(),
                        queue.url(), e.getMessage());
            }
        }
    }

    static List<List<String>> batches(List<String> handles) {
        List<List<String>> batches = new ArrayList<>();
        for (int from = 0; from < handles.size(); from += SqsQueue.MAX_BATCH) {
            batches.add(handles.subList(from, Math.min(handles.size(), from + SqsQueue.MAX_BATCH)));
        }
        return batches;
    }
}
