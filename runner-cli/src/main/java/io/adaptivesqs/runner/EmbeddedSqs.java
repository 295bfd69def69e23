package io.adaptivesqs.runner;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * An SQS server (ElasticMQ) inside this JVM, listening on 127.0.0.1 only, and a client pointed at it.
 */
public final class EmbeddedSqs implements AutoCloseable {

    static final String LOOPBACK = "127.0.0.1";
    /** Enough connections for many long-polling pollers plus producers and deletes on one client. */
    private static final int MAX_CONNECTIONS = 256;

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://" + LOOPBACK + ":" + port);
        this.client = SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                // ElasticMQ accepts any credentials; these are not secrets
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(ApacheHttpClient.builder()
                        .maxConnections(MAX_CONNECTIONS)
                        .connectionTimeout(Duration.ofSeconds(5)))
                .build();
    }

    /**
     * Starts the server.
     *
     * @param port the port, or 0 for any free one
     */
    public static EmbeddedSqs start(int port) {
        SQSRestServer server = SQSRestServerBuilder.withInterface(LOOPBACK).withPort(port).start();
        int boundPort;
        try {
            boundPort = server.waitUntilStarted().localAddress().getPort();
        } catch (Exception e) {
            // a port in use arrives as java.net.BindException, which Scala code throws undeclared
            stopQuietly(server);
            throw new RunFailedException(
                    "embedded SQS cannot listen on " + LOOPBACK + ":" + port + ": " + Failures.summary(e), e);
        }
        return new EmbeddedSqs(server, boundPort);
    }

    /** The server's address, such as http://127.0.0.1:9324. */
    public URI endpoint() {
        return endpoint;
    }

    public SqsClient client() {
        return client;
    }

    /**
     * Creates the queue if it does not exist yet.
     *
     * @return the queue URL
     */
    public String createQueue(String name) {
        Map<QueueAttributeName, String> attributes = name.endsWith(".fifo")
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "true")
                : Map.of();
        return client.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    /**
     * Makes messages that were received {@code maxReceiveCount} times without being deleted move from the queue to
     * the dead-letter queue. Creates both queues when needed.
     */
    public void redrive(String queue, String deadLetterQueue, int maxReceiveCount) {
        String deadLetterUrl = createQueue(deadLetterQueue);
        String deadLetterArn = client.getQueueAttributes(request -> request.queueUrl(deadLetterUrl)
                .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
        String queueUrl = createQueue(queue);
        String policy = "{\"deadLetterTargetArn\":\"" + deadLetterArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount
                        + "\"}";
        client.setQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributes(Map.of(QueueAttributeName.REDRIVE_POLICY, policy)));
    }

    @Override
    public void close() {
        client.close();
        stopQuietly(server);
    }

    private static void stopQuietly(SQSRestServer server) {
        try {
            server.stopAndWait();
        } catch (Exception e) {
            // nothing left to do: the process is stopping anyway
        }
    }
}
