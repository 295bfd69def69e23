package io.adaptivesqs.bench;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Stops consumers in the background. On an empty queue a stop waits for the long polls under way (up to
 * waitTimeSeconds); once a trial's books are closed that wait need not hold up the next trial, nor the report at the
 * end of the run.
 */
final class Teardown implements AutoCloseable {

    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "bench-teardown");
        thread.setDaemon(true);
        return thread;
    });
    private final ElasticMq sqs;

    Teardown(ElasticMq sqs) {
        this.sqs = sqs;
    }

    /** Stops the consumers now and waits: the queue's leftovers are only countable once nobody holds messages. */
    void stopNow(List<BenchConsumer> consumers) {
        consumers.parallelStream().forEach(BenchConsumer::stop);
    }

    /** Stops the consumers and then deletes the queue, without waiting. */
    void stopLater(List<BenchConsumer> consumers, String queueUrl) {
        threads.execute(() -> {
            stopNow(consumers);
            delete(queueUrl);
        });
    }

    void deleteLater(String queueUrl) {
        threads.execute(() -> delete(queueUrl));
    }

    private void delete(String queueUrl) {
        try {
            sqs.deleteQueue(queueUrl);
        } catch (RuntimeException e) {
            // cleanup only: a queue left behind costs ElasticMQ some memory until the run ends
        }
    }

    /** Gives the stops under way a moment; the process exits after the report anyway. */
    @Override
    public void close() throws InterruptedException {
        threads.shutdown();
        threads.awaitTermination(2, TimeUnit.SECONDS);
    }
}
