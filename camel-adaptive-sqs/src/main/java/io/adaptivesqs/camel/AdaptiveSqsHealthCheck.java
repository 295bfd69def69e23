package io.adaptivesqs.camel;

import java.util.Map;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Readiness of one adaptive-sqs consumer: DOWN while its receives, deletes or visibility changes keep failing, UP
 * once SQS answers again. It reads what the pipeline already observes and makes no call of its own.
 */
final class AdaptiveSqsHealthCheck extends AbstractHealthCheck {

    private final AdaptiveSqsConsumer consumer;

    AdaptiveSqsHealthCheck(AdaptiveSqsConsumer consumer) {
        super("camel", "adaptive-sqs-consumer");
        this.consumer = consumer;
    }

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        ReceiveHealth health = consumer.receiveHealth();
        builder.detail("queue", consumer.getEndpoint().getQueueUrl());
        builder.detail("activePollers", consumer.getActivePollers());
        if (health.isFailing()) {
            builder.detail("failedReceives", health.failuresInStreak());
            builder.message("Receiving from SQS is failing: " + health.lastError());
            builder.down();
        } else if (consumer.failingPart() != null) {
            builder.message(consumer.failingPart());
            builder.down();
        } else {
            builder.up();
        }
    }
}
