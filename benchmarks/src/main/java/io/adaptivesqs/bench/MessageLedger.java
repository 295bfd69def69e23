package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every message id a trial sent and every id its routes completed, shared by all consumers of the queue. A second
 * completion of an id is a duplicate; an id neither completed nor still in the queue at the end is missing. For
 * messages of a group (FIFO) it also checks order: a first completion whose group already completed a later message
 * is out of order, and a message that starts while another of its group is in the route is an overlap.
 */
final class MessageLedger {

    private final AtomicLong nextId = new AtomicLong();
    private final LongAdder unsent = new LongAdder();
    private final Set<Long> completed = ConcurrentHashMap.newKeySet();
    private final LongAdder duplicates = new LongAdder();
    private final Map<Integer, GroupOrder> groups = new ConcurrentHashMap<>();
    private final LongAdder outOfOrder = new LongAdder();
    private final LongAdder overlaps = new LongAdder();

    /** Reserves the ids of messages about to be sent; ids are dense from 0. */
    long reserve(int count) {
        return nextId.getAndAdd(count);
    }

    /** Messages whose ids were reserved but whose send failed: they cannot be missed. */
    void notSent(int count) {
        unsent.add(count);
    }

    /** Records a completed exchange; returns false if this id had completed before (a duplicate). */
    boolean complete(long id) {
        if (completed.add(id)) {
            return true;
        }
        duplicates.increment();
        return false;
    }

    /** A message enters the route. */
    void started(BenchMessage message) {
        if (message.grouped() && group(message).inRoute.incrementAndGet() > 1) {
            overlaps.increment();
        }
    }

    /** A message leaves the route completed; returns false for a duplicate, which order checking ignores. */
    boolean complete(BenchMessage message) {
        if (!message.grouped()) {
            return complete(message.id());
        }
        GroupOrder order = group(message);
        order.inRoute.decrementAndGet();
        if (!complete(message.id())) {
            return false;
        }
        long before = order.highestCompleted.getAndAccumulate(message.sequence(), Math::max);
        if (before > message.sequence()) {
            outOfOrder.increment();
        }
        return true;
    }

    /** First completions of a grouped message after a later message of its group had completed. */
    long outOfOrder() {
        return outOfOrder.sum();
    }

    /** Times a grouped message started while another of its group was in the route. */
    long overlaps() {
        return overlaps.sum();
    }

    private GroupOrder group(BenchMessage message) {
        return groups.computeIfAbsent(message.group(), g -> new GroupOrder());
    }

    long sent() {
        return nextId.get() - unsent.sum();
    }

    long distinctCompleted() {
        return completed.size();
    }

    long duplicates() {
        return duplicates.sum();
    }

    /** Sent and not yet completed. */
    long outstanding() {
        return sent() - distinctCompleted();
    }

    /**
     * The books at the end of a trial, given how many messages are still in the queue (visible or not). Missing is
     * never negative: a completed message that SQS still holds (its delete failed) is a future duplicate, not a loss.
     */
    Accounting account(long leftInQueue) {
        long missing = Math.max(0, sent() - distinctCompleted() - leftInQueue);
        return new Accounting(sent(), distinctCompleted(), duplicates(), leftInQueue, missing,
                leftInQueue == 0 ? missingIds(10) : List.of(), outOfOrder(), overlaps());
    }

    /** Up to {@code limit} ids below the last reserved one that never completed; meaningful once the queue is empty. */
    List<Long> missingIds(int limit) {
        List<Long> missing = new ArrayList<>();
        for (long id = 0; id < nextId.get() && missing.size() < limit; id++) {
            if (!completed.contains(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    /**
     * @param sent              messages the producer sent
     * @param distinctCompleted ids completed at least once
     * @param duplicates        completions beyond the first for an id
     * @param leftInQueue       messages still in the queue after the consumers stopped
     * @param missing           sent, never completed and not in the queue
     * @param someMissingIds    examples of ids never completed, when the queue was empty at the end
     * @param outOfOrder        grouped messages completed after a later message of their group
     * @param overlaps          times two messages of one group were in the route at once
     */
    record Accounting(long sent, long distinctCompleted, long duplicates, long leftInQueue, long missing,
                      List<Long> someMissingIds, long outOfOrder, long overlaps) {
    }

    private static final class GroupOrder {
        final AtomicInteger inRoute = new AtomicInteger();
        final AtomicLong highestCompleted = new AtomicLong(-1);
    }
}
