package io.adaptivesqs.runner;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QueueProvisionerTest {

    @ParameterizedTest
    @CsvSource({
            "adaptive-sqs://orders?maxPollers=20, orders",
            "adaptive-sqs:orders, orders",
            "adaptive-sqs://https://sqs.eu-west-1.amazonaws.com/123456789012/orders?region=eu-west-1, orders",
            "aws2-sqs://orders-dlq?operation=sendBatchMessage, orders-dlq",
            "aws2-sqs://arn:aws:sqs:eu-west-1:123456789012:payments.fifo, payments.fifo" })
    void findsTheQueueOfAnSqsEndpoint(String uri, String queue) {
        assertThat(QueueProvisioner.queueName(uri)).contains(queue);
    }

    @ParameterizedTest
    @ValueSource(strings = { "timer://tick?period=1000", "log:orders", "seda:orders", "aws2-sns://topic" })
    void ignoresOtherEndpoints(String uri) {
        assertThat(QueueProvisioner.queueName(uri)).isEqualTo(Optional.empty());
    }
}
