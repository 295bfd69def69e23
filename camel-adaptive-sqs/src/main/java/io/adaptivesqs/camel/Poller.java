package io.adaptivesqs.camel;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * One polling loop: receive a batch, hand it to the buffer, repeat. A poller holds either one receive under way or
 * one batch, never both, so the messages received and not yet in the route stay within the buffer plus one batch
 * per poller, and every poller's receive is under way as soon as its batch is in: more pollers never mean fewer
 * receives in flight. A poller blocked on a full buffer is the supervisor's sign of too much supply. When told to
 * retire it first hands over what it holds; when told to stop it hands back to SQS whatever the buffer did not take.
 */
final class Poller implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);
    static final long OFFER_TIMEOUT_MILLIS = 50;

    private final int id;
    private final SqsQueue queue;
    private final TimedBlockingQueue<Message> buffer;
    private final ReentrantLock handoverTurn;
    private final VisibilityKeeper keeper;
    private final PipelineMetrics metrics;
    private final ReceiveHealth health;
    private final Backoff backoff;
    private volatile long receivingSinceNanos;
    private volatile boolean retired;
    private volatile boolean stopped;
    private volatile boolean exited;
    /** Opens when the poller is told to retire or stop, ending a backoff pause at once. */
    private final CountDownLatch told = new CountDownLatch(1);
    private final CountDownLatch exit = new CountDownLatch(1);

    Poller(int id, SqsQueue queue, TimedBlockingQueue<Message> buffer, ReentrantLock handoverTurn,
           VisibilityKeeper keeper, PipelineMetrics metrics, ReceiveHealth health, long maxBackoffMillis) {
        this.id = id;
        this.queue = queue;
        this.buffer = buffer;
        this.handoverTurn = handoverTurn;
        this.keeper = keeper;
        this.metrics = metrics;
        this.health = health;
        this.backoff = new Backoff(maxBackoffMillis);
    }

    /** Finish handing over the current batch, then exit. */
    void retire() {
        retired = true;
        told.countDown();
    }

    /** Exit as soon as possible, handing back to SQS whatever the buffer did not take. */
    void stop() {
        stopped = true;
        told.countDown();
    }

    /** Waits up to {@code nanos} for the loop to end; true once it has. */
    boolean awaitExit(long nanos) throws InterruptedException {
        return exit.await(nanos, TimeUnit.NANOSECONDS);
    }

    boolean isRetired() {
        return retired || stopped;
    }

    boolean hasExited() {
        return exited;
    }

    /** True while a receive has been under way for longer than {@code nanos}: SQS had nothing to return. */
    boolean isWaitingLongerThan(long nanos, long nowNanos) {
        long since = receivingSinceNanos;
        return since != 0 && nowNanos - since > nanos;
    }

    @Override
    public void run() {
        try {
            while (!retired && !stopped) {
                List<Message> messages = receive();
                if (stopped) {
                    // stopped while the receive was under way: what it returned goes straight back
                    keeper.release(messages);
                } else if (!messages.isEmpty()) {
                    handOver(messages);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            exited = true;
            exit.countDown();
            LOG.debug("Poller {} on {} exited", id, queue.url());
        }
    }

    private List<Message> receive() throws InterruptedException {
        long start = System.nanoTime();
        receivingSinceNanos = start;
        try {
            List<Message> messages = queue.receive();
            receivingSinceNanos = 0;
            long now = System.nanoTime();
            keeper.hold(messages, start);
            metrics.receiveReturned(messages.size(), queue.batchSize(), now - start);
            int streak = backoff.succeeded();
            health.succeeded(streak);
            return messages;
        } catch (RuntimeException | Error e) {
            // besides SdkException: IllegalStateException when the HTTP client's pool was shut down, or whatever a
            // client wrapper throws; a poller that ended here would stop consuming while still counted as waiting
            receivingSinceNanos = 0;
            metrics.receiveFailed();
            long pause = backoff.failed();
            health.failed(e, pause);
            sleepUnlessStopped(pause);
            return List.of();
        }
    }

    /**
     * Hands the batch to the buffer once it is this poller's turn. Batches enter whole and in arrival order (the turn
     * is a fair lock): interleaved, every blocked poller would finish at the same moment and leave for its next
     * receive in lockstep, and the buffer would run dry during their common round trip. The poller counts as blocked
     * from the receive's return until its batch is in; the timed waits only notice a stop.
     */
    private void handOver(List<Message> messages) throws InterruptedException {
        metrics.blockedPollers().enter();
        try {
            boolean turnTaken = false;
            while (!stopped && !turnTaken) {
                turnTaken = handoverTurn.tryLock(OFFER_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
            if (!turnTaken) {
                keeper.release(messages);
                return;
            }
            // a stop that comes once the turn is taken is handled while handing in: the turn is always given back
            try {
                List<Message> untaken = buffer.handIn(messages, TimeUnit.MILLISECONDS.toNanos(OFFER_TIMEOUT_MILLIS),
                        () -> stopped);
                if (!untaken.isEmpty()) {
                    keeper.release(untaken);
                }
            } finally {
                handoverTurn.unlock();
            }
        } finally {
            metrics.blockedPollers().leave();
        }
    }

    /** The backoff pause: ends early when the poller is told to retire or stop. */
    private void sleepUnlessStopped(long millis) throws InterruptedException {
        told.await(millis, TimeUnit.MILLISECONDS);
    }
}
