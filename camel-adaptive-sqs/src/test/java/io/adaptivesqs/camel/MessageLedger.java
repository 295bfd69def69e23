package io.adaptivesqs.camel;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happened to each message, by its unique id: how often the route saw it and how often it completed. Against
 * what was sent and what reached the dead-letter queue it tells completed, redelivered, duplicated and lost.
 */
final class MessageLedger {

    private static final Logger LOG = LoggerFactory.getLogger(MessageLedger.class);

    private final Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();

    /** Records that the route received the message; returns which attempt this is, from 1. */
    int attempted(String id) {
        return attempts.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    /** Records that the route finished the message successfully. */
    void completed(String id) {
        completions.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
    }

    int attempts(String id) {
        AtomicInteger count = attempts.get(id);
        return count == null ? 0 : count.get();
    }

    int completions(String id) {
        AtomicInteger count = completions.get(id);
        return count == null ? 0 : count.get();
    }

    /** Distinct messages completed at least once. */
    int completedCount() {
        return completions.size();
    }

    Set<String> completedIds() {
        return Set.copyOf(completions.keySet());
    }

    Tally tally(Collection<String> sent, Collection<String> deadLettered) {
        Set<String> accounted = new HashSet<>(completions.keySet());
        accounted.addAll(deadLettered);
        int lost = 0;
        for (String id : sent) {
            if (!accounted.contains(id)) {
                lost++;
            }
        }
        long redelivered = attempts.values().stream().mapToLong(a -> a.get() - 1).sum();
        long duplicates = completions.values().stream().mapToLong(c -> c.get() - 1).sum();
        return new Tally(sent.size(), completions.size(), redelivered, deadLettered.size(), lost, duplicates);
    }

    /**
     * @param sent         messages sent
     * @param completed    distinct messages the route completed
     * @param redelivered  deliveries beyond the first, over all messages
     * @param deadLettered messages found in the dead-letter queue
     * @param lost         messages sent that were neither completed nor dead-lettered
     * @param duplicates   completions beyond the first, over all messages
     */
    record Tally(int sent, int completed, long redelivered, int deadLettered, int lost, long duplicates) {

        /** Logs the figures under the fault's name (the closing note lists them), and returns them. */
        Tally report(String fault) {
            LOG.info("FAULT {}: {}", fault, this);
            return this;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "sent %d, completed %d, redelivered %d, DLQ %d, lost %d, duplicates %d",
                    sent, completed, redelivered, deadLettered, lost, duplicates);
        }
    }
}
