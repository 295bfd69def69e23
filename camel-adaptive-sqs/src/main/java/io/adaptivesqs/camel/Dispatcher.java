package io.adaptivesqs.camel;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 */
final class Dispatcher implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final long POLL_TIMEOUT_MILLIS = 50;

    private final AdaptiveSqsConsumer consumer;
    private final BlockingQueue<Message> buffer;
    private final PipelineMetrics metrics;
    private final Semaphore permits;
    private volatile boolean stopped;
    private volatile boolean taking = true;

    Dispatcher(AdaptiveSqsConsumer consumer, BlockingQueue<Message> buffer, PipelineMetrics metrics,
               int concurrentConsumers) {
        this.consumer = consumer;
        this.buffer = buffer;
        this.metrics = metrics;
        this.permits = new Semaphore(concurrentConsumers);
    }

    /** Take no more messages from the buffer until {@link #resume()}; exchanges in the route carry on. */
    void pause() {
        taking = false;
    }

    void resume() {
        taking = true;
    }

    /** Take no more messages from the buffer, and let the consumer threads end. */
    void stop() {
        taking = false;
        stopped = true;
    }

    @Override
    public void run() {
        try {
            while (!stopped && !Thread.currentThread().isInterrupted()) {
                if (!taking) {
                    TimeUnit.MILLISECONDS.sleep(POLL_TIMEOUT_MILLIS);
                    continue;
                }
                if (!permits.tryAcquire(POLL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Message message = take();
                if (message == null) {
                    permits.release();
                } else {
                    // taken just before a pause, it still goes to the route: it is past the buffer
                    dispatch(message);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Message take() throws InterruptedException {
        long waitingSince = System.nanoTime();
        Message message = taking ? buffer.poll(POLL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS) : null;
        metrics.consumerIdle(System.nanoTime() - waitingSince);
        return message;
    }

    private void dispatch(Message message) {
        Exchange exchange = consumer.createExchange(message);
        AsyncCallback done = consumer.defaultConsumerCallback(exchange, true);
        long start = System.nanoTime();
        metrics.exchangeStarted();
        try {
            consumer.getAsyncProcessor().process(exchange, doneSync -> {
                metrics.exchangeDone(exchange.getException() == null, System.nanoTime() - start);
                permits.release();
                done.done(doneSync);
            });
        } catch (RuntimeException e) {
            // the route's processor does not throw by contract; if one does, the message stays unacknowledged
            LOG.error("Route processor threw instead of reporting through the exchange", e);
            metrics.exchangeDone(false, System.nanoTime() - start);
            permits.release();
        }
    }
}
