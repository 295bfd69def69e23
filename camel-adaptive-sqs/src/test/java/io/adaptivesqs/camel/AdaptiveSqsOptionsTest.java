package io.adaptivesqs.camel;

import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad endpoint options fail when the endpoint is resolved, naming the option and what is allowed.
 */
class AdaptiveSqsOptionsTest {

    private CamelContext context;

    @BeforeEach
    void createContext() {
        // not started: endpoints are resolved and validated, but not started (no SQS client is built)
        context = new DefaultCamelContext();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                arguments("orders?maxPollers=0", "maxPollers=0: must be at least 1"),
                arguments("orders?minPollers=0", "minPollers=0: must be at least 1"),
                arguments("orders?minPollers=5&maxPollers=2", "minPollers=5: must not exceed maxPollers (2)"),
                arguments("orders?queueSize=0", "queueSize=0: must be at least 1"),
                arguments("orders?concurrentConsumers=0", "concurrentConsumers=0: must be at least 1"),
                arguments("orders?maxMessagesPerPoll=0", "maxMessagesPerPoll=0: must be between 1 and 10"),
                arguments("orders?maxMessagesPerPoll=11", "maxMessagesPerPoll=11: must be between 1 and 10"),
                arguments("orders?waitTimeSeconds=-1", "waitTimeSeconds=-1: must be between 0 and 20"),
                arguments("orders?waitTimeSeconds=21", "waitTimeSeconds=21: must be between 0 and 20"),
                arguments("orders?visibilityTimeout=0", "visibilityTimeout=0: must be between 1 and 43200"),
                arguments("orders?supervisorInterval=1", "supervisorInterval=1: must be at least 10"),
                arguments("orders?backlogCheckInterval=500",
                        "backlogCheckInterval=500: must be 0 (off) or at least 1000 ms"),
                arguments("orders?overrideEndpoint=true", "overrideEndpoint=true needs uriEndpointOverride"),
                arguments("orders?maxPollers=many", "maxPollers"),
                arguments("orders?pollers=3", "Unknown parameters=[{pollers=3}]"),
                arguments("bad queue name!", "Invalid adaptive-sqs queue name 'bad queue name!'"),
                arguments("https://sqs.eu-west-1.amazonaws.com/orders", "expected scheme://host/accountId/queueName"));
    }

    @ParameterizedTest(name = "adaptive-sqs:{0}")
    @MethodSource("badOptions")
    void rejectsWithTheOptionNamed(String uri, String message) {
        assertThatThrownBy(() -> context.getEndpoint("adaptive-sqs:" + uri))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(fullMessage(e)).contains(message));
    }

    @Test
    void acceptsDurationsForTimeOptions() {
        AdaptiveSqsEndpoint endpoint = context.getEndpoint(
                "adaptive-sqs:orders?supervisorInterval=2s&deleteBatchDelay=50ms", AdaptiveSqsEndpoint.class);

        assertThat(endpoint.getConfiguration().getSupervisorInterval()).isEqualTo(2000);
        assertThat(endpoint.getConfiguration().getDeleteBatchDelay()).isEqualTo(50);
    }

    @Test
    void minPollersDefaultsToTwoButNeverAboveMaxPollers() {
        AdaptiveSqsEndpoint defaults = context.getEndpoint("adaptive-sqs:a", AdaptiveSqsEndpoint.class);
        AdaptiveSqsEndpoint single = context.getEndpoint("adaptive-sqs:b?maxPollers=1", AdaptiveSqsEndpoint.class);

        assertThat(defaults.getConfiguration().getMinPollers()).isEqualTo(2);
        assertThat(single.getConfiguration().getMinPollers()).isEqualTo(1);
    }

    @Test
    void acceptsAFullQueueUrl() {
        AdaptiveSqsEndpoint endpoint = context.getEndpoint(
                "adaptive-sqs:https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo", AdaptiveSqsEndpoint.class);

        assertThat(endpoint.getConfiguration().getQueueNameOrUrl())
                .isEqualTo("https://sqs.eu-west-1.amazonaws.com/123456789012/orders.fifo");
    }

    @Test
    void endpointsGetACopyOfTheComponentOptions() {
        AdaptiveSqsComponent component = context.getComponent("adaptive-sqs", AdaptiveSqsComponent.class);
        component.getConfiguration().setMaxPollers(7);

        AdaptiveSqsEndpoint first = context.getEndpoint("adaptive-sqs:a?maxPollers=3", AdaptiveSqsEndpoint.class);
        AdaptiveSqsEndpoint second = context.getEndpoint("adaptive-sqs:b", AdaptiveSqsEndpoint.class);

        assertThat(first.getConfiguration().getMaxPollers()).isEqualTo(3);
        assertThat(second.getConfiguration().getMaxPollers()).isEqualTo(7);
        assertThat(component.getConfiguration().getMaxPollers()).isEqualTo(7);
    }

    @Test
    void doesNotProduce() {
        AdaptiveSqsEndpoint endpoint = context.getEndpoint("adaptive-sqs:orders", AdaptiveSqsEndpoint.class);

        assertThatThrownBy(endpoint::createProducer).hasMessageContaining("aws2-sqs");
    }

    private static String fullMessage(Throwable e) {
        StringBuilder message = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            message.append(t.getMessage()).append(" | ");
        }
        return message.toString();
    }
}
