package io.adaptivesqs.camel;

import java.util.Map;

import org.apache.camel.component.aws2.sqs.Sqs2Configuration;
import org.apache.camel.component.aws2.sqs.client.Sqs2ClientFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Builds the SqsClient (through camel-aws2-sqs, so credentials, regions and endpoint overrides behave the same) and
 * finds the queue.
 */
final class SqsClients {

    private static final int SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;

    private SqsClients() {
    }

    static SqsClient create(SqsConnectionConfiguration c) {
        Sqs2Configuration aws = new Sqs2Configuration();
        aws.setRegion(c.getRegion());
        aws.setAccessKey(c.getAccessKey());
        aws.setSecretKey(c.getSecretKey());
        aws.setSessionToken(c.getSessionToken());
        aws.setUseSessionCredentials(c.isUseSessionCredentials());
        aws.setUseDefaultCredentialsProvider(c.isUseDefaultCredentialsProvider());
        aws.setUseProfileCredentialsProvider(c.isUseProfileCredentialsProvider());
        aws.setProfileCredentialsName(c.getProfileCredentialsName());
        aws.setOverrideEndpoint(c.isOverrideEndpoint());
        aws.setUriEndpointOverride(c.getUriEndpointOverride());
        aws.setTrustAllCertificates(c.isTrustAllCertificates());
        return Sqs2ClientFactory.getSqsClient(aws);
    }

    /** The queue's URL: given as is, looked up by name, or created when allowed. */
    static String queueUrl(SqsClient client, AdaptiveSqsConfiguration c) {
        String queue = c.getQueueNameOrUrl();
        if (queue.startsWith("http://") || queue.startsWith("https://")) {
            return queue;
        }
        try {
            return client.getQueueUrl(b -> b.queueName(queue).queueOwnerAWSAccountId(c.getQueueOwnerAWSAccountId()))
                    .queueUrl();
        } catch (QueueDoesNotExistException e) {
            if (!c.isAutoCreateQueue()) {
                throw e;
            }
            Map<QueueAttributeName, String> attributes = queue.endsWith(".fifo")
                    ? Map.of(QueueAttributeName.FIFO_QUEUE, "true") : Map.of();
            return client.createQueue(b -> b.queueName(queue).attributes(attributes)).queueUrl();
        }
    }

    /**
     * The configured visibility timeout, or else the queue's own, and whether it is a FIFO queue (its name ends in
     * .fifo, or its FifoQueue attribute says so). Reading the attributes also proves the queue exists and is
     * reachable with these credentials, also when it was given by URL.
     */
    static QueueFacts queueFacts(SqsClient client, String queueUrl, AdaptiveSqsConfiguration c) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.VISIBILITY_TIMEOUT, QueueAttributeName.FIFO_QUEUE)).attributes();
        String value = attributes.get(QueueAttributeName.VISIBILITY_TIMEOUT);
        boolean fifo = queueUrl.endsWith(".fifo") || Boolean.parseBoolean(attributes.get(QueueAttributeName.FIFO_QUEUE));
        if (c.getVisibilityTimeout() != null) {
            return new QueueFacts(c.getVisibilityTimeout(), fifo);
        }
        return new QueueFacts(value == null ? SQS_DEFAULT_VISIBILITY_TIMEOUT : Integer.parseInt(value), fifo);
    }

    record QueueFacts(int visibilityTimeout, boolean fifo) {
    }
}
