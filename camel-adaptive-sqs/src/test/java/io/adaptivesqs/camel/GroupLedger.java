package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What happened to each message of a FIFO queue, group by group: when the route started, completed or failed it,
 * and how many of a group were in the route at once. Message bodies are "group:sequence", the sequence counting from
 * 0 in the order the group was sent.
 */
final class GroupLedger {

    private enum Kind { START, COMPLETE, FAIL }

    private record Event(Kind kind, int sequence, long atNanos) {
    }

    private final Map<String, List<Event>> events = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> inRoute = new ConcurrentHashMap<>();
    private final MessageLedger messages = new MessageLedger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final AtomicInteger mislabelled = new AtomicInteger();

    static String body(String group, int sequence) {
        return group + ":" + sequence;
    }

    static String groupOf(String body) {
        return body.substring(0, body.indexOf(':'));
    }

    static int sequenceOf(String body) {
        return Integer.parseInt(body.substring(body.indexOf(':') + 1));
    }

    /**
     * The route took the message; {@code groupHeader} is the group the consumer reported. Returns which attempt this
     * is, from 1.
     */
    int started(String body, String groupHeader) {
        String group = groupOf(body);
        if (!group.equals(groupHeader)) {
            mislabelled.incrementAndGet();
        }
        if (inRoute.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet() > 1) {
            overlaps.incrementAndGet();
        }
        record(group, Kind.START, body);
        return messages.attempted(body);
    }

    void completed(String body) {
        String group = groupOf(body);
        record(group, Kind.COMPLETE, body);
        messages.completed(body);
        inRoute.get(group).decrementAndGet();
    }

    void failed(String body) {
        String group = groupOf(body);
        record(group, Kind.FAIL, body);
        inRoute.get(group).decrementAndGet();
    }

    private void record(String group, Kind kind, String body) {
        List<Event> list = events.computeIfAbsent(group, g -> new ArrayList<>());
        synchronized (list) {
            list.add(new Event(kind, sequenceOf(body), System.nanoTime()));
        }
    }

    /** Times two messages of one group were in the route at once. */
    int overlaps() {
        return overlaps.get();
    }

    /** Messages whose group header did not match the group they were sent in. */
    int mislabelled() {
        return mislabelled.get();
    }

    int attempts(String body) {
        return messages.attempts(body);
    }

    int completedCount() {
        return messages.completedCount();
    }

    MessageLedger.Tally tally(Collection<String> sent, Collection<String> deadLettered) {
        return messages.tally(sent, deadLettered);
    }

    /**
     * Every start of a message whose group still had an earlier message open, as "group:sequence started before
     * group:earlier": a message that ran out of its group's order. A message is closed once completed, or, if it
     * ended in the dead-letter queue, after its last failure (never started: once everything before it closed).
     */
    List<String> outOfOrderStarts(Collection<String> deadLettered) {
        Set<String> gone = new HashSet<>(deadLettered);
        List<String> violations = new ArrayList<>();
        events.forEach((group, list) -> {
            synchronized (list) {
                Map<Integer, Integer> lastFailure = new HashMap<>();
                for (int i = 0; i < list.size(); i++) {
                    if (list.get(i).kind() == Kind.FAIL) {
                        lastFailure.put(list.get(i).sequence(), i);
                    }
                }
                Set<Integer> done = new HashSet<>();
                int firstOpen = 0;
                for (int i = 0; i < list.size(); i++) {
                    Event event = list.get(i);
                    if (event.kind() == Kind.COMPLETE) {
                        done.add(event.sequence());
                    } else if (event.kind() == Kind.START) {
                        while (done.contains(firstOpen) || gone.contains(body(group, firstOpen))
                                                           && lastFailure.getOrDefault(firstOpen, -1) < i) {
                            firstOpen++;
                        }
                        if (firstOpen < event.sequence()) {
                            violations.add(body(group, event.sequence()) + " started before " + body(group, firstOpen));
                        }
                    }
                }
            }
        });
        return violations;
    }

    /** Messages per second each group went through, from its first start to its last completion, sorted. */
    List<Double> groupRates() {
        List<Double> rates = new ArrayList<>();
        events.values().forEach(list -> {
            synchronized (list) {
                long completions = list.stream().filter(e -> e.kind() == Kind.COMPLETE).count();
                long span = list.get(list.size() - 1).atNanos() - list.get(0).atNanos();
                rates.add(completions * 1e9 / span);
            }
        });
        rates.sort(null);
        return rates;
    }

    /** The sequences of a group in the order they completed. */
    List<Integer> completionOrder(String group) {
        List<Event> list = events.getOrDefault(group, List.of());
        synchronized (list) {
            return list.stream().filter(e -> e.kind() == Kind.COMPLETE).map(Event::sequence).toList();
        }
    }
}
