package io.adaptivesqs.runner;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.camel.Endpoint;
import org.apache.camel.component.aws2.sqs.Sqs2Endpoint;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.support.LifecycleStrategySupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Creates, on the embedded SQS, the queue of every {@code adaptive-sqs:} and {@code aws2-sqs:} endpoint the routes
 * use, as Camel creates the endpoint and before it starts. Working from endpoints rather than from the YAML text
 * sees what Camel sees: placeholders resolved, {@code parameters:} blocks merged, reloaded routes included.
 * <p>
 * A queue gets a dead-letter queue when its aws2-sqs endpoint has a {@code redrivePolicy}, or when the properties
 * ask for one:
 *
 * <pre>
 * embedded-sqs.orders.dead-letter-queue = orders-dlq
 * embedded-sqs.orders.max-receive-count = 3
 * </pre>
 */
final class QueueProvisioner extends LifecycleStrategySupport {

    static final String PROPERTY_PREFIX = "embedded-sqs.";
    static final int DEFAULT_MAX_RECEIVE_COUNT = 5;

    private static final Logger LOG = LoggerFactory.getLogger(QueueProvisioner.class);
    private static final Pattern TARGET_ARN = Pattern.compile("\"deadLetterTargetArn\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern MAX_RECEIVE = Pattern.compile("\"maxReceiveCount\"\\s*:\\s*\"?(\\d+)");

    private final EmbeddedSqs sqs;
    private final Set<String> provisioned = ConcurrentHashMap.newKeySet();

    QueueProvisioner(EmbeddedSqs sqs) {
        this.sqs = sqs;
    }

    @Override
    public void onEndpointAdd(Endpoint endpoint) {
        queueName(endpoint.getEndpointUri()).ifPresent(queue -> provision(endpoint, queue));
    }

    /**
     * The queue an SQS endpoint URI names: the path of {@code adaptive-sqs:} and {@code aws2-sqs:} URIs, reduced to
     * its last segment when it is a queue URL or an ARN.
     */
    static Optional<String> queueName(String uri) {
        String scheme = StartupFailures.scheme(uri);
        if (!scheme.equals("adaptive-sqs") && !scheme.equals("aws2-sqs")) {
            return Optional.empty();
        }
        String path = StartupFailures.withoutOptions(uri).substring(scheme.length() + 1);
        String name = path.substring(Math.max(path.lastIndexOf('/'), path.lastIndexOf(':')) + 1);
        return name.isBlank() ? Optional.empty() : Optional.of(name);
    }

    private void provision(Endpoint endpoint, String queue) {
        if (!provisioned.add(queue)) {
            return;
        }
        try {
            createQueue(endpoint, queue);
        } catch (SdkException e) {
            throw new RunFailedException("embedded SQS cannot create queue " + queue + ": " + e.getMessage(), e);
        }
    }

    private void createQueue(Endpoint endpoint, String queue) {
        sqs.createQueue(queue);
        Optional<DeadLetter> deadLetter = fromRedrivePolicy(endpoint)
                .or(() -> fromProperties(endpoint.getCamelContext().getPropertiesComponent(), queue));
        if (deadLetter.isPresent()) {
            DeadLetter target = deadLetter.get();
            sqs.redrive(queue, target.queue(), target.maxReceiveCount());
            provisioned.add(target.queue());
            LOG.info("Embedded SQS: queue {} (to {} after {} receives)", queue, target.queue(),
                    target.maxReceiveCount());
        } else {
            LOG.info("Embedded SQS: queue {}", queue);
        }
    }

    private static Optional<DeadLetter> fromRedrivePolicy(Endpoint endpoint) {
        String policy = endpoint instanceof Sqs2Endpoint sqsEndpoint
                ? sqsEndpoint.getConfiguration().getRedrivePolicy()
                : null;
        if (policy == null) {
            return Optional.empty();
        }
        Matcher arn = TARGET_ARN.matcher(policy);
        if (!arn.find()) {
            return Optional.empty();
        }
        String target = arn.group(1);
        Matcher maxReceive = MAX_RECEIVE.matcher(policy);
        int count = maxReceive.find() ? Integer.parseInt(maxReceive.group(1)) : DEFAULT_MAX_RECEIVE_COUNT;
        return Optional.of(new DeadLetter(target.substring(target.lastIndexOf(':') + 1), count));
    }

    private static Optional<DeadLetter> fromProperties(PropertiesComponent properties, String queue) {
        String prefix = PROPERTY_PREFIX + queue + ".";
        return properties.resolveProperty(prefix + "dead-letter-queue")
                .map(target -> new DeadLetter(target.trim(), properties.resolveProperty(prefix + "max-receive-count")
                        .map(count -> parseCount(prefix + "max-receive-count", count))
                        .orElse(DEFAULT_MAX_RECEIVE_COUNT)));
    }

    private static int parseCount(String key, String value) {
        try {
            int count = Integer.parseInt(value.trim());
            if (count >= 1) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidInputException("property " + key + " must be a whole number of at least 1");
    }

    private record DeadLetter(String queue, int maxReceiveCount) {
    }
}
