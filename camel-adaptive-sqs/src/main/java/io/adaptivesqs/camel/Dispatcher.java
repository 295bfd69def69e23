package io.adaptivesqs.camel;

import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The route side of the buffer: each of the K consumer threads takes a message, turns it into an exchange and
 * hands it to the route. A permit per exchange keeps route inflight at K or below even when the route continues
 * asynchronously. The time a consumer waits on an empty buffer is the supervisor's sign of too little supply; the
 * time an exchange takes is the service time behind the potential consumption rate.
 * <p>
 * Only {@link #stop()} ends a consumer thread. A message that cannot become an exchange, or whose route throws
 * instead of reporting through the exchange, is reported to the consumer's exception handler and left to its
 * visibility timeout, like a failed exchange: SQS delivers it again and a redrive policy takes it to the DLQ.
 */
final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long POLL_TIMEOUT_MILLIS = 50;

    private final AdaptiveSqsConsumer consumer;
    private final BlockingQueue<Message> buffer;
    /** Lets go of a message whose exchange never ran to its completion hook, as a failed one. */
    private final Consumer<String> letGo;
    private final PipelineMetrics metrics;
    private final Semaphore permits;
    private final ReentrantLock gate = new ReentrantLock();
    private final Condition opened = gate.newCondition();
    private final AtomicInteger taken = new AtomicInteger();
    private final FailureStreak faults = new FailureStreak(LOG, "A consumer thread");
    private volatile boolean stopped;
    private volatile boolean taking = true;

    Dispatcher(AdaptiveSqsConsumer consumer, BlockingQueue<Message> buffer, Consumer<String> letGo,
               PipelineMetrics metrics, int concurrentConsumers) {
        this.consumer = consumer;
        this.buffer = buffer;
        this.letGo = letGo;
        this.metrics = metrics;
        this.permits = new Semaphore(concurrentConsumers);
    }

    /** Take no more messages from the buffer until {@link #resume()}; exchanges in the route carry on. */
    void pause() {
        taking = false;
    }

    void resume() {
        gate.lock();
        try {
            taking = true;
            opened.signalAll();
        } finally {
            gate.unlock();
        }
    }

    /** Take no more messages from the buffer, and let the consumer threads end. */
    void stop() {
        gate.lock();
        try {
            taking = false;
            stopped = true;
            opened.signalAll();
        } finally {
            gate.unlock();
        }
    }

    /** Consumer threads between taking a message and counting its exchange in flight (or letting it go). */
    int taking() {
        return taken.get();
    }

    @Override
    public void run() {
        while (!stopped) {
            try {
                takeAndDispatch();
            } catch (InterruptedException e) {
                // a stop sets the flag first; any other interrupt is one a route restored after catching it, and
                // belonged to its exchange, not to this loop
                LOG.debug("Consumer thread interrupted outside a stop; carrying on");
            } catch (RuntimeException | Error e) {
                faults.failed(e, "it carries on");
            }
        }
    }

    private void takeAndDispatch() throws InterruptedException {
        if (!taking) {
            awaitResumed();
            return;
        }
        if (!permits.tryAcquire(POLL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            return;
        }
        boolean permitHandedOn = false;
        taken.incrementAndGet();
        try {
            Message message = take();
            if (message != null) {
                // taken just before a pause, it still goes to the route: it is past the buffer
                permitHandedOn = true;
                dispatch(message);
            }
        } finally {
            taken.decrementAndGet();
            if (!permitHandedOn) {
                permits.release();
            }
        }
    }

    /** While paused (suspended), consumer threads wait here until resumed or stopped. */
    private void awaitResumed() throws InterruptedException {
        gate.lock();
        try {
            while (!taking && !stopped) {
                opened.await();
            }
        } finally {
            gate.unlock();
        }
    }

    /** The timed wait only notices a pause or stop; the time waited counts as it passes, for the supervisor. */
    private Message take() throws InterruptedException {
        metrics.idleConsumers().enter();
        try {
            return taking ? buffer.poll(POLL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) : null;
        } finally {
            metrics.idleConsumers().leave();
        }
    }

    /** Owns the permit from here: it is released exactly once, when the exchange is done or given up. */
    private void dispatch(Message message) {
        Exchange exchange;
        try {
            exchange = consumer.createExchange(message);
        } catch (RuntimeException | Error e) {
            // such as a message attribute the header mapping cannot read
            try {
                letGo.accept(message.receiptHandle());
                metrics.exchangeNotCreated();
                consumer.getExceptionHandler().handleException("Cannot turn SQS message " + message.messageId()
                        + " into an exchange; it is not deleted and SQS delivers it again after its visibility timeout",
                        e);
            } finally {
                permits.release();
            }
            return;
        }
        AsyncCallback done = consumer.defaultConsumerCallback(exchange, true);
        AtomicBoolean finished = new AtomicBoolean();
        long start = System.nanoTime();
        metrics.exchangeStarted();
        try {
            consumer.getAsyncProcessor().process(exchange, doneSync -> {
                if (finished.compareAndSet(false, true)) {
                    metrics.exchangeDone(exchange.getException() == null, System.nanoTime() - start);
                    permits.release();
                }
                done.done(doneSync);
            });
        } catch (RuntimeException | Error e) {
            // the route's processor does not throw by contract; one that does never completes its exchange, so
            // its message is let go here as a failed one, and the callback reports the exception
            if (finished.compareAndSet(false, true)) {
                letGo.accept(message.receiptHandle());
                metrics.exchangeDone(false, System.nanoTime() - start);
                permits.release();
                exchange.setException(e);
                done.done(true);
            }
        }
    }
}
