package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRepository;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No consumer thread or poller dies from what a message, the route or the client throws at it: each test gives a
 * single thread something that used to end it, and checks that the messages after it are still consumed.
 */
class ConsumerSurvivalIT extends FaultTestSupport {

    /**
     * A message attribute SQS accepts but the header mapping cannot read (a Number.int beyond an int) fails the
     * exchange's creation. The message is reported, not deleted and no longer kept invisible: redrive takes it to the
     * DLQ, and the one consumer thread goes on with the others.
     */
    @Test
    void aMessageThatCannotBecomeAnExchangeEndsInTheDeadLetterQueue() throws Exception {
        RedrivenQueue queue = RedrivenQueue.create(server, queueName("unmappable"), 1, 2);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue.name() + "?messageAttributeNames=All&concurrentConsumers=1&queueSize=1"
                     + "&minPollers=1&maxPollers=1&waitTimeSeconds=1")
                        .routeId("unmappable")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            ledger.completed(id);
                        });
            }
        });
        List<String> unmappable = new ArrayList<>();
        try (CapturedLog log = CapturedLog.capture()) {
            for (int i = 0; i < 3; i++) {
                String body = "unmappable-" + i;
                unmappable.add(body);
                server.client().sendMessage(b -> b.queueUrl(queue.url()).messageBody(body).messageAttributes(Map.of(
                        "count", MessageAttributeValue.builder().dataType("Number.int").stringValue("99999999999")
                                .build())));
            }
            List<String> good = server.sendNumbered(queue.url(), "good", 20);
            awaitQueueEmpty(queue.url(), Duration.ofSeconds(30));
            List<String> deadLettered = queue.drainDeadLetters(server.client());
            List<String> sent = new ArrayList<>(good);
            sent.addAll(unmappable);
            MessageLedger.Tally tally = ledger.tally(sent, deadLettered).report("exchange creation fails (3 of 23)");

            assertThat(deadLettered).containsExactlyInAnyOrderElementsOf(unmappable);
            assertThat(tally.lost()).isZero();
            assertThat(unmappable).allSatisfy(id -> assertThat(ledger.attempts(id)).isZero());
            assertThat(log.find(Level.WARN, "into an exchange")).isNotEmpty();
        }
        AdaptiveSqsConsumer consumer = consumerOf("unmappable");
        assertThat(consumer.getLimbo()).isZero();
        assertThat(consumer.status().failed()).isGreaterThanOrEqualTo(6); // each of the 3 received twice
    }

    /** The standard idiom after catching InterruptedException leaves the flag set on the consumer thread. */
    @Test
    void aRouteThatRestoresTheInterruptFlagDoesNotEndItsConsumerThread() throws Exception {
        String name = queueName("interrupting-route");
        String url = createQueue(name, 30);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?concurrentConsumers=1&waitTimeSeconds=1")
                        .routeId("interrupting")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            ledger.attempted(id);
                            ledger.completed(id);
                            Thread.currentThread().interrupt();
                        });
            }
        });

        List<String> sent = server.sendNumbered(url, "ir", 20);
        awaitQueueEmpty(url, Duration.ofSeconds(30));
        MessageLedger.Tally tally = ledger.tally(sent, List.of())
                .report("route restores the interrupt flag on every message, one consumer thread");
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(consumerOf("interrupting").status().deleted()).isEqualTo(20);
    }

    /**
     * A receive that throws something other than an SdkException (a client wrapper's bug, say) is a failed receive
     * like any other: the poller backs off and goes on, and readiness is DOWN meanwhile.
     */
    @Test
    void anUnexpectedExceptionFromReceiveDoesNotEndAPoller() throws Exception {
        String name = queueName("unexpected-receive");
        String url = createQueue(name, 30);
        BrokenReceives broken = new BrokenReceives(server.client());
        context.getRegistry().bind("broken", broken);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?amazonSQSClient=#broken&minPollers=2&maxPollers=2&waitTimeSeconds=1"
                     + "&maxBackoff=200")
                        .routeId("unexpected")
                        .process(e -> {
                            ledger.attempted(e.getIn().getBody(String.class));
                            ledger.completed(e.getIn().getBody(String.class));
                        });
            }
        });
        AdaptiveSqsConsumer consumer = consumerOf("unexpected");

        await().atMost(Duration.ofSeconds(10)).until(() -> readiness("unexpected") == HealthCheck.State.DOWN);
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.status().receiveErrors() >= 4);
        broken.failing = false;
        List<String> sent = server.sendNumbered(url, "ur", 5);

        await().atMost(Duration.ofSeconds(30)).until(() -> ledger.completedCount() == sent.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> readiness("unexpected") == HealthCheck.State.UP);
        awaitQueueEmpty(url, Duration.ofSeconds(30));
        MessageLedger.Tally tally = ledger.tally(sent, List.of()).report(String.format(
                "receives throw UnsupportedOperationException (%d failed receives), then recover",
                consumer.status().receiveErrors()));
        assertThat(tally.lost()).isZero();
        assertThat(consumer.getActivePollers()).isEqualTo(2);
    }

    private HealthCheck.State readiness(String routeId) {
        HealthCheckRepository consumers = HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        return consumers.stream().filter(check -> check.getId().equals("consumer:" + routeId))
                .map(check -> check.call().getState()).findFirst().orElseThrow();
    }

    /** Receives throw UnsupportedOperationException until told otherwise. */
    private static final class BrokenReceives extends DelegatingSqsClient {

        volatile boolean failing = true;

        BrokenReceives(SqsClient delegate) {
            super(delegate);
        }

        @Override
        public ReceiveMessageResponse receiveMessage(ReceiveMessageRequest request) {
            if (failing) {
                throw new UnsupportedOperationException("injected: not supported");
            }
            return delegate.receiveMessage(request);
        }
    }
}
