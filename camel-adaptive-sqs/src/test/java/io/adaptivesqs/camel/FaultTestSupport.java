package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.Map;

import org.apache.camel.spi.Registry;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the fault tests share: one ElasticMQ per test class in the JVM, bound as the registry's only SqsClient, and a
 * ledger per test that counts what happened to every message id.
 */
abstract class FaultTestSupport extends CamelTestSupport {

    static EmbeddedElasticMq server;

    final MessageLedger ledger = new MessageLedger();

    @BeforeAll
    static void startServer() {
        server = EmbeddedElasticMq.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    protected void bindToRegistry(Registry registry) {
        registry.bind("sqs", server.client());
    }

    static String queueName(String purpose) {
        return AdaptiveSqsConsumerContract.uniqueQueueName(purpose);
    }

    static String createQueue(String name, int visibilityTimeoutSeconds) {
        return server.createQueue(name,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
    }

    /**
     * Waits until the queue holds nothing, visible or in flight: every message was deleted or dead-lettered. Tests
     * wait on this rather than on the ledger's completions, so that a message deleted without completing shows in
     * the tally as lost instead of as a wait that timed out.
     */
    static void awaitQueueEmpty(String url, Duration atMost) {
        await("queue empty").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(server.visibleAndInFlight(url)).containsExactly(0, 0));
    }

    AdaptiveSqsConsumer consumerOf(String routeId) {
        return (AdaptiveSqsConsumer) context.getRoute(routeId).getConsumer();
    }
}
