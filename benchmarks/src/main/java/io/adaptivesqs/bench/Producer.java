package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Puts the trial's messages into its queue, each with an id from the ledger and its send time: either a backlog
 * before the consumers start (SendMessageBatch from a few threads, fast) or a steady rate while they run (one
 * thread, paced against the clock so that a slow send does not lower the rate).
 */
final class Producer implements AutoCloseable {

    private static final int PREFILL_THREADS = 4;

    private final SqsClient client;
    private final String queueUrl;
    private final MessageLedger ledger;
    private final long seed;
    private Thread sender;
    private volatile boolean sending;

    /** {@code seed} draws the random arrivals: a trial that passes the same one sends the same schedule. */
    Producer(SqsClient client, String queueUrl, MessageLedger ledger, long seed) {
        this.client = client;
        this.queueUrl = queueUrl;
        this.ledger = ledger;
        this.seed = seed;
    }

    /**
     * Sends {@code count} messages in batches of ten and returns when all are in the queue. With {@code groups} > 0
     * (a FIFO queue) the messages go round-robin to that many message groups, each numbered in its group; a group is
     * sent by one thread only, so that its numbering is its order in the queue.
     */
    void prefill(int count, int groups) throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(PREFILL_THREADS);
        try {
            List<Future<?>> batches = new ArrayList<>();
            if (groups > 0) {
                for (int t = 0; t < PREFILL_THREADS; t++) {
                    int thread = t;
                    batches.add(threads.submit(() -> sendGroups(count, groups, thread)));
                }
            }
            for (int from = 0; groups == 0 && from < count; from += Capacity.BATCH) {
                int size = Math.min(Capacity.BATCH, count - from);
                batches.add(threads.submit(() -> send(size)));
            }
            for (Future<?> batch : batches) {
                batch.get();
            }
        } finally {
            threads.shutdownNow();
        }
    }

    /**
     * Sends at the phase's rate in its batches until changed, evenly spaced or at random times ({@link Arrivals});
     * a phase that sends nothing (a backlog or idle) stops sending.
     */
    synchronized void offer(Phase phase) {
        stop();
        if (!phase.producing()) {
            return;
        }
        int batch = phase.sendBatch();
        Arrivals arrivals = phase.randomArrivals() ? Arrivals.random(phase.offered(), batch, seed)
                            : Arrivals.paced(phase.offered(), batch);
        sending = true;
        sender = new Thread(() -> sendAtRate(arrivals, batch), "bench-producer");
        sender.setDaemon(true);
        sender.start();
    }

    synchronized void stop() {
        sending = false;
        if (sender != null) {
            try {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            sender = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void sendAtRate(Arrivals arrivals, int batch) {
        long due = System.nanoTime();
        while (sending) {
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            if (wait < -TimeUnit.SECONDS.toNanos(1)) {
                // far behind (a stalled machine): carry on at the rate instead of sending a burst
                due = System.nanoTime();
            }
            send(batch);
            due += arrivals.nextGapNanos();
        }
    }

    /** The groups {@code g} with {@code g % PREFILL_THREADS == thread}, their share of {@code count}, in order. */
    private void sendGroups(int count, int groups, int thread) {
        List<Integer> mine = java.util.stream.IntStream.range(0, groups).filter(g -> g % PREFILL_THREADS == thread)
                .boxed().toList();
        int perGroup = (count + groups - 1) / groups;
        List<int[]> pending = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            for (int group : mine) {
                pending.add(new int[] {group, sequence});
                if (pending.size() == Capacity.BATCH) {
                    sendGrouped(pending);
                    pending.clear();
                }
            }
        }
        if (!pending.isEmpty()) {
            sendGrouped(pending);
        }
    }

    private void sendGrouped(List<int[]> groupAndSequence) {
        long firstId = ledger.reserve(groupAndSequence.size());
        long now = System.nanoTime();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>(groupAndSequence.size());
        for (int i = 0; i < groupAndSequence.size(); i++) {
            BenchMessage message = new BenchMessage(firstId + i, now, groupAndSequence.get(i)[0],
                    groupAndSequence.get(i)[1]);
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i)).messageBody(message.body())
                    .messageGroupId(message.groupId()).messageDeduplicationId(Long.toString(message.id())).build());
        }
        try {
            ledger.notSent(client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed().size());
        } catch (SdkException e) {
            ledger.notSent(entries.size());
        }
    }

    private void send(int count) {
        long firstId = ledger.reserve(count);
        try {
            if (count == 1) {
                client.sendMessage(b -> b.queueUrl(queueUrl)
                        .messageBody(new BenchMessage(firstId, System.nanoTime()).body()));
                return;
            }
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>(count);
            long now = System.nanoTime();
            for (int i = 0; i < count; i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(new BenchMessage(firstId + i, now).body()).build());
            }
            int failed = client.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries)).failed().size();
            ledger.notSent(failed);
        } catch (SdkException e) {
            ledger.notSent(count);
        }
    }
}
