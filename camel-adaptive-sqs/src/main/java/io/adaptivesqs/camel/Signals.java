package io.adaptivesqs.camel;

import java.util.Locale;

/**
 * What the supervisor saw during one tick: the input of {@link ScalingPolicy#decide}. Counts are for the tick;
 * service time and round trip are smoothed over recent ticks and {@code NaN} while nothing was measured yet.
 *
 * @param currentTarget       the poller count decided last tick
 * @param activePollers       polling loops running during the tick
 * @param concurrentConsumers route consumer threads (K)
 * @param maxMessagesPerPoll  messages one receive may return
 * @param receives            ReceiveMessage calls that returned
 * @param emptyReceives       of those, calls that returned no message
 * @param waitedReceives      of those, calls that brought less than half a batch and lasted far longer than a round
 *                            trip: long polls that waited for messages to arrive, because the queue had none at hand
 * @param receiveErrors       ReceiveMessage calls that failed
 * @param messagesReceived    messages the receives returned
 * @param receiveRttMillis    round trip of a receive that brought at least half a batch: SQS answered it at once
 * @param receiveRttJitterMillis standard deviation of those round trips: how much slower than the mean a receive
 *                            often is
 * @param serviceTimeMillis   time one exchange spends in the route
 * @param idleConsumers       consumers waiting on an empty buffer, averaged over the tick (0..K)
 * @param blockedPollers      pollers blocked offering to a full buffer, averaged over the tick (0..activePollers)
 * @param waitingPollers      pollers whose receive has lasted far longer than a round trip at the end of the tick:
 *                            long polls that found the queue empty
 * @param meanInflight        exchanges in the route, averaged over the tick
 * @param bufferDepth         messages in the buffer at the end of the tick
 * @param backlog             the queue's ApproximateNumberOfMessages as last read (every few seconds), -1 if unknown
 * @param orderBoundConsumers consumers idle while messages were held but each waited behind its group's message in
 *                            the route, averaged over the tick (FIFO queues; 0 otherwise): order, not supply, kept
 *                            them idle, and more pollers could only bring groups the queue may not have
 * @param messageGroups       distinct message groups the receives brought during the tick (FIFO queues), -1 for a
 *                            queue without groups: more receives at once than groups cannot bring more
 * @param backlogBatch        messages a receive brought on average while the queue's count showed a backlog,
 *                            smoothed over recent ticks; NaN until 20 receives taught it
 */
public record Signals(
        int currentTarget,
        int activePollers,
        int concurrentConsumers,
        int maxMessagesPerPoll,
        long receives,
        long emptyReceives,
        long waitedReceives,
        long receiveErrors,
        long messagesReceived,
        double receiveRttMillis,
        double receiveRttJitterMillis,
        double serviceTimeMillis,
        double idleConsumers,
        double blockedPollers,
        int waitingPollers,
        double meanInflight,
        int bufferDepth,
        long backlog,
        double orderBoundConsumers,
        int messageGroups,
        double backlogBatch) {

    /**
     * A count is a backlog only while it holds this many times what the window took: enough to last through it while
     * as many as three more consumers take as much.
     */
    static final int BACKLOG_WINDOWS = 4;
    /** The least a poller is sized for until a backlog taught its batch: half a full batch. */
    private static final double BATCH_FLOOR = 0.5;

    /** Signals of a queue without message groups, whose round trips do not vary. */
    public Signals(int currentTarget, int activePollers, int concurrentConsumers, int maxMessagesPerPoll, long receives,
                   long emptyReceives, long waitedReceives, long receiveErrors, long messagesReceived,
                   double receiveRttMillis, double serviceTimeMillis, double idleConsumers, double blockedPollers,
                   int waitingPollers, double meanInflight, int bufferDepth, long backlog) {
        this(currentTarget, activePollers, concurrentConsumers, maxMessagesPerPoll, receives, emptyReceives,
                waitedReceives, receiveErrors, messagesReceived, receiveRttMillis, 0, serviceTimeMillis, idleConsumers,
                blockedPollers, waitingPollers, meanInflight, bufferDepth, backlog, 0, -1, Double.NaN);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "pollers %d/%d, consumers idle %.1f/%d, pollers blocked %.1f, waiting %d, receives %d (%d empty, "
                + "%d waited, %d failed) carrying %d, rtt %.1f ms (+/- %.1f), service %.1f ms, inflight %.1f, "
                + "buffer %d, backlog %s",
                activePollers, currentTarget, idleConsumers, concurrentConsumers, blockedPollers, waitingPollers,
                receives, emptyReceives, waitedReceives, receiveErrors, messagesReceived, receiveRttMillis,
                receiveRttJitterMillis, serviceTimeMillis, meanInflight, bufferDepth,
                backlog < 0 ? "unknown" : Long.toString(backlog))
               + (Double.isNaN(backlogBatch) ? "" : String.format(Locale.ROOT, ", backlog batch %.1f", backlogBatch))
               + (messageGroups >= 0 ? String.format(Locale.ROOT, ", groups %d", messageGroups) : "")
               + (orderBoundConsumers > 0
                  ? String.format(Locale.ROOT, ", idle behind their groups %.1f", orderBoundConsumers) : "");
    }

    /** Consumers idle for want of messages: idle, less those that waited only behind their groups (FIFO). */
    public double starvingConsumers() {
        return Math.max(0, idleConsumers - orderBoundConsumers);
    }

    /** Messages per second the consumers could take: K / service time (Little's law). */
    public double potentialConsumptionRate() {
        return concurrentConsumers * 1000.0 / serviceTimeMillis;
    }

    /**
     * Messages per second one poller brings: the mean batch from a backlog over the {@linkplain #sizingRttMillis
     * round trip pollers are sized for}. Partial batches count as what they are, so that a queue that answers with
     * five of ten asks for twice the pollers. NaN until measured.
     */
    public double supplyPerPoller() {
        return perPoller(batchFromBacklog());
    }

    /**
     * The least one poller may bring: {@link #supplyPerPoller}, but with half a batch until a backlog taught its
     * batch. A window of a few receives may have drawn large ones (SQS answers with anything from 1 to 10 although
     * thousands wait), and a step down sized on them leaves fewer pollers than the next tick asks for. NaN until
     * measured.
     */
    public double leastSupplyPerPoller() {
        return perPoller(Double.isNaN(backlogBatch) ? BATCH_FLOOR * maxMessagesPerPoll : backlogBatch);
    }

    /** Messages a second one poller brings in batches of {@code batch} at the sized round trip; NaN until measured. */
    private double perPoller(double batch) {
        return receives == 0 ? Double.NaN : batch * 1000.0 / sizingRttMillis();
    }

    /**
     * The round trip pollers are sized for. A slow one, the mean plus one standard deviation, on a queue without
     * groups: round trips with a tail ask for the receives in flight that cover the slow ones, since a buffer of a
     * few messages runs dry while several slow receives are under way at once. The mean on a FIFO queue: its buffer
     * holds a batch per group, up to {@code queueSize} + K of them, and that carries the consumers through the slow
     * receives; pollers beyond the mean's would only lock more groups in limbo.
     */
    public double sizingRttMillis() {
        return messageGroups >= 0 ? receiveRttMillis : slowRttMillis();
    }

    /**
     * Messages one receive brings while the queue holds a backlog: as measured when its count showed one, or this
     * window's mean batch until then, but not under half a full batch. Thinner batches than a backlog brings mean
     * that the queue runs short, not that a poller brings less: they must not ask for more pollers. Until a backlog
     * taught its batch, batches under half full may be either, and sizing for them would ask for the maximum.
     */
    public double batchFromBacklog() {
        return Double.isNaN(backlogBatch) ? Math.max(fill(), BATCH_FLOOR) * maxMessagesPerPoll : backlogBatch;
    }

    /**
     * The window's mean batch as a share of what a receive brings from a backlog (a full batch until that was
     * measured), at most 1: how much of a poller's supply the queue fills.
     */
    public double shareOfBacklogBatch() {
        double fromBacklog = Double.isNaN(backlogBatch) ? maxMessagesPerPoll : backlogBatch;
        return Math.min(1, fill() * maxMessagesPerPoll / fromBacklog);
    }

    /**
     * The window's mean batch as a share of what a poller brings while a backlog waits, at most 1: how many pollers'
     * worth of supply the receives brought, per poller, on a queue that limits supply. Until a backlog taught its
     * batch, a batch at least half full counts whole while the queue's count holds more than a round of receives:
     * messages waited, and SQS answers thin from a sample of its servers although they do; counted against a full
     * batch, such a queue would be carried with half the pollers it needs, and its backlog would stay. Under that
     * count, or with none, against a full batch: a batch that brought less than the queue held is a queue running
     * short.
     */
    public double shareOfCarriedBatch() {
        if (!Double.isNaN(backlogBatch) || backlog < roundOfReceives()) {
            return shareOfBacklogBatch();
        }
        return Math.min(1, fill() * maxMessagesPerPoll / batchFromBacklog());
    }

    /** The messages one receive by every running poller may bring. */
    private long roundOfReceives() {
        return (long) activePollers * maxMessagesPerPoll;
    }

    /** A slow round trip: the mean plus one standard deviation. */
    public double slowRttMillis() {
        return receiveRttMillis + receiveRttJitterMillis;
    }

    /** Mean messages per receive as a share of a full batch. */
    public double fill() {
        return receives == 0 ? 0 : (double) messagesReceived / (receives * (double) maxMessagesPerPoll);
    }

    /** Share of receives that came back empty. */
    public double emptyShare() {
        return receives == 0 ? 0 : (double) emptyReceives / receives;
    }

    /** Share of the consumers idle on an empty buffer, over the window. */
    public double starvingShare() {
        return starvingConsumers() / concurrentConsumers;
    }

    /** Share of the running pollers blocked offering to a full buffer, over the window; 0 with none running. */
    public double blockedShare() {
        return activePollers > 0 ? blockedPollers / activePollers : 0;
    }

    /** Share of receives that waited in a long poll for messages to arrive. */
    public double waitedShare() {
        return receives == 0 ? 0 : (double) waitedReceives / receives;
    }

    /**
     * True when the queue's backlog was read and does not {@linkplain #outlasts outlast} this window: it holds fewer
     * messages than one round of receives would take, or than {@link #BACKLOG_WINDOWS} windows like this one took.
     */
    public boolean backlogKnownShort() {
        return backlog >= 0 && !outlasts(backlog, roundOfReceives(), messagesReceived);
    }

    /**
     * The most pollers for which the queue's count, as last read, would still {@linkplain #outlasts outlast} windows
     * like this one: their take grows with them. Beyond them, more pollers would take the count within a second and
     * then find a short queue. Unbounded while the count is unknown or the window took nothing.
     */
    public double pollersTheBacklogOutlasts() {
        if (backlog < 0 || messagesReceived == 0) {
            return Double.POSITIVE_INFINITY;
        }
        return (double) activePollers * backlog / (BACKLOG_WINDOWS * messagesReceived);
    }

    /**
     * Whether a count of {@code backlog} messages is a backlog that lasts through a window that took {@code taken}:
     * at least a round of batches ({@code round}), and {@link #BACKLOG_WINDOWS} times what was taken. Other
     * consumers of the queue take their share meanwhile, unseen, and the count is read every second or more: a
     * count that only just covers this consumer's take ran out during the window, and its thinning batches are not
     * what a backlog brings.
     */
    static boolean outlasts(long backlog, long round, long taken) {
        return backlog >= round && backlog >= BACKLOG_WINDOWS * taken;
    }
}
