package io.adaptivesqs.camel;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * Rejects option values and combinations that cannot work, with a message naming the option and what is allowed.
 */
final class OptionsValidator {

    private static final Pattern QUEUE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,80}(\\.fifo)?");

    private OptionsValidator() {
    }

    static void validate(AdaptiveSqsConfiguration c) {
        validateQueue(c.getQueueNameOrUrl());
        atLeast("maxPollers", c.getMaxPollers(), 1);
        atLeast("minPollers", c.getMinPollers(), 1);
        if (c.getMinPollers() > c.getMaxPollers()) {
            throw invalid("minPollers", c.getMinPollers(), "must not exceed maxPollers (" + c.getMaxPollers() + ")");
        }
        atLeast("concurrentConsumers", c.getConcurrentConsumers(), 1);
        atLeast("queueSize", c.getQueueSize(), 1);
        between("maxMessagesPerPoll", c.getMaxMessagesPerPoll(), 1, 10);
        between("waitTimeSeconds", c.getWaitTimeSeconds(), 0, 20);
        if (c.getVisibilityTimeout() != null) {
            between("visibilityTimeout", c.getVisibilityTimeout(), 1, 43200);
        }
        atLeast("supervisorInterval", c.getSupervisorInterval(), 10);
        atLeast("scaleDownTicks", c.getScaleDownTicks(), 1);
        atLeast("deleteBatchDelay", c.getDeleteBatchDelay(), 0);
        if (c.getBacklogCheckInterval() != 0 && c.getBacklogCheckInterval() < 1000) {
            throw invalid("backlogCheckInterval", c.getBacklogCheckInterval(), "must be 0 (off) or at least 1000 ms");
        }
        atLeast("maxBackoff", c.getMaxBackoff(), Backoff.INITIAL_MILLIS);
        if (c.isOverrideEndpoint() && (c.getUriEndpointOverride() == null || c.getUriEndpointOverride().isBlank())) {
            throw new IllegalArgumentException(
                    "Invalid adaptive-sqs options: overrideEndpoint=true needs uriEndpointOverride (such as "
                                               + "http://localhost:9324)");
        }
    }

    private static void validateQueue(String queue) {
        if (queue == null || queue.isBlank()) {
            throw new IllegalArgumentException(
                    "adaptive-sqs needs a queue name or URL, as in adaptive-sqs:orders or "
                                               + "adaptive-sqs:https://sqs.eu-west-1.amazonaws.com/123456789012/orders");
        }
        if (queue.startsWith("http://") || queue.startsWith("https://")) {
            URI uri;
            try {
                uri = URI.create(queue);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Invalid adaptive-sqs queue URL '" + queue + "': " + e.getMessage());
            }
            String[] path = uri.getPath() == null ? new String[0] : uri.getPath().replaceFirst("^/", "").split("/");
            if (uri.getHost() == null || path.length != 2 || !QUEUE_NAME.matcher(path[1]).matches()) {
                throw new IllegalArgumentException("Invalid adaptive-sqs queue URL '" + queue
                                                   + "': expected scheme://host/accountId/queueName");
            }
        } else if (!QUEUE_NAME.matcher(queue).matches()) {
            throw new IllegalArgumentException("Invalid adaptive-sqs queue name '" + queue
                                               + "': use 1 to 80 letters, digits, '-' or '_' (and .fifo for a FIFO "
                                               + "queue), or a full queue URL");
        }
    }

    private static void atLeast(String option, long value, long min) {
        if (value < min) {
            throw invalid(option, value, "must be at least " + min);
        }
    }

    private static void between(String option, long value, long min, long max) {
        if (value < min || value > max) {
            throw invalid(option, value, "must be between " + min + " and " + max);
        }
    }

    private static IllegalArgumentException invalid(String option, long value, String rule) {
        return new IllegalArgumentException("Invalid adaptive-sqs option " + option + "=" + value + ": " + rule);
    }
}
