package io.adaptivesqs.camel;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.support.DefaultEndpoint;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Consumes an SQS queue with between minPollers and maxPollers polling loops, sized by a supervisor, feeding a small
 * buffer that concurrentConsumers threads drain into the route.
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "adaptive-sqs", title = "Adaptive SQS",
             syntax = "adaptive-sqs:queueNameOrUrl", consumerOnly = true,
             category = { Category.CLOUD, Category.MESSAGING }, headersClass = Sqs2Constants.class)
public class AdaptiveSqsEndpoint extends DefaultEndpoint {

    @UriParam
    private final AdaptiveSqsConfiguration configuration;

    private SqsClient client;
    private boolean ownsClient;
    private String queueUrl;
    private int visibilityTimeout;
    private boolean fifo;

    public AdaptiveSqsEndpoint(String uri, AdaptiveSqsComponent component, AdaptiveSqsConfiguration configuration) {
        super(uri, component);
        this.configuration = configuration;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(
                "adaptive-sqs only consumes; send to SQS with the aws2-sqs component instead");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        AdaptiveSqsConsumer consumer = new AdaptiveSqsConsumer(this, processor);
        configureConsumer(consumer);
        return consumer;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = configuration.getAmazonSQSClient();
        ownsClient = client == null;
        if (ownsClient) {
            try {
                client = SqsClients.create(configuration);
            } catch (RuntimeException e) {
                throw new IllegalStateException("Cannot build an SQS client for adaptive-sqs:"
                                                + configuration.getQueueNameOrUrl() + " (set region, or AWS_REGION, "
                                                + "or bind an SqsClient as amazonSQSClient): " + e.getMessage(), e);
            }
        }
        String queue = configuration.getQueueNameOrUrl();
        try {
            queueUrl = SqsClients.queueUrl(client, configuration);
            SqsClients.QueueFacts facts = SqsClients.queueFacts(client, queueUrl, configuration);
            visibilityTimeout = facts.visibilityTimeout();
            fifo = facts.fifo();
            if (visibilityTimeout < 1) {
                // every receive would hand its messages straight back: each poller would get the same ones again
                throw new IllegalStateException("SQS queue '" + queue + "' has a VisibilityTimeout of 0, which "
                                                + "would deliver every message again at once; set visibilityTimeout "
                                                + "(1 to 43200 seconds) on adaptive-sqs:" + queue);
            }
        } catch (QueueDoesNotExistException e) {
            String remedy = queue.contains("://") ? "give its name with autoCreateQueue=true" : "set autoCreateQueue=true";
            throw new IllegalStateException("SQS queue '" + queue + "' does not exist; create it, or " + remedy
                                            + " on adaptive-sqs:" + queue, e);
        } catch (SdkException e) {
            throw new IllegalStateException("Cannot open SQS queue '" + queue + "' for adaptive-sqs:" + queue + ": "
                                            + e.getMessage(), e);
        }
    }

    @Override
    protected void doStop() throws Exception {
        if (ownsClient && client != null) {
            client.close();
            client = null;
        }
        super.doStop();
    }

    public AdaptiveSqsConfiguration getConfiguration() {
        return configuration;
    }

    SqsClient getClient() {
        return client;
    }

    String getQueueUrl() {
        return queueUrl;
    }

    int getVisibilityTimeout() {
        return visibilityTimeout;
    }

    /** A FIFO queue: messages of one group go into the route one at a time, in order. */
    boolean isFifo() {
        return fifo;
    }
}
