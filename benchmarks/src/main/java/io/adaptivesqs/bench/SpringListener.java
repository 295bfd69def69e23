package io.adaptivesqs.bench;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

import io.awspring.cloud.sqs.listener.SqsMessageListenerContainer;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * Spring Cloud AWS's {@link SqsMessageListenerContainer} on the trial's queue, without Spring Boot or an application
 * context: up to {@code maxConcurrentMessages} messages in flight (received, not yet acknowledged), polled 10 at a
 * time (fewer when fewer may be in flight) with 10 s long polls, acknowledged after the listener returns (its default, ON_SUCCESS, in batches). The
 * listener itself takes a permit from a semaphore of {@code listenerPermits}: with more messages in flight than
 * permits the container prefetches, and the route still runs at most K messages at once, as the Camel contenders do.
 * The container's own executor has a thread per message in flight, so the semaphore, not the executor, is the limit;
 * a smaller executor would also starve the container's polling, which runs on it.
 */
final class SpringListener implements AutoCloseable {

    static final int POLL_SECONDS = 10;
    private static final int ACK_SHUTDOWN_SECONDS = 3;

    private final SqsMessageListenerContainer<Object> container;

    private SpringListener(SqsMessageListenerContainer<Object> container) {
        this.container = container;
    }

    static SpringListener start(String id, String queueName, SqsAsyncClient client, int maxConcurrentMessages,
                                int listenerPermits, Consumer<String> work) {
        Semaphore permits = new Semaphore(listenerPermits);
        SqsMessageListenerContainer<Object> container = SqsMessageListenerContainer.builder()
                .id(id)
                .sqsAsyncClient(client)
                .queueNames(queueName)
                .configure(options -> options.maxConcurrentMessages(maxConcurrentMessages)
                        .maxMessagesPerPoll(messagesPerPoll(maxConcurrentMessages))
                        .pollTimeout(Duration.ofSeconds(POLL_SECONDS))
                        .listenerShutdownTimeout(Duration.ofSeconds(20))
                        // at a stop it can wait its whole timeout for a last partial batch of acknowledgements; the
                        // messages not yet deleted stay in the queue and the books count them there
                        .acknowledgementShutdownTimeout(Duration.ofSeconds(ACK_SHUTDOWN_SECONDS)))
                .messageListener(message -> {
                    permits.acquireUninterruptibly();
                    try {
                        work.accept(String.valueOf(message.getPayload()));
                    } finally {
                        permits.release();
                    }
                })
                .build();
        container.start();
        return new SpringListener(container);
    }

    /** Ten, or fewer where fewer may be in flight: the container refuses a poll larger than what it may hold. */
    static int messagesPerPoll(int maxConcurrentMessages) {
        return Math.min(Capacity.BATCH, maxConcurrentMessages);
    }

    @Override
    public void close() {
        container.stop();
    }
}
