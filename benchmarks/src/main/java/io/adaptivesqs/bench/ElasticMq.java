package io.adaptivesqs.bench;

import java.net.URI;
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
 * ElasticMQ inside this JVM on a free loopback port, started once per run (it takes seconds), with a fresh queue per
 * trial. Its own client serves the producer and the queue bookkeeping; each consumer gets a client of its own.
 */
final class ElasticMq implements AutoCloseable {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private ElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = newClient();
    }

    static ElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new ElasticMq(server, port);
    }

    SqsClient client() {
        return client;
    }

    /** A client with its own connection pool, large enough for 32 polling threads and their deletes. */
    SqsClient newClient() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .httpClientBuilder(ApacheHttpClient.builder().maxConnections(100))
                .build();
    }

    /** Creates the queue and returns its URL. */
    String createQueue(String name) {
        return createQueue(name, false);
    }

    /** Creates a standard queue or a FIFO one (its name must end in .fifo); deduplication ids come with each send. */
    String createQueue(String name, boolean fifo) {
        Map<QueueAttributeName, String> attributes = fifo
                ? Map.of(QueueAttributeName.FIFO_QUEUE, "true", QueueAttributeName.CONTENT_BASED_DEDUPLICATION, "false")
                : Map.of();
        return client.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    void deleteQueue(String url) {
        client.deleteQueue(b -> b.queueUrl(url));
    }

    /** Messages in the queue, visible or not. ElasticMQ's counts are exact, not approximate. */
    long messagesIn(String url) {
        Map<QueueAttributeName, String> attributes = client.getQueueAttributes(b -> b.queueUrl(url).attributeNames(
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return attributes.values().stream().mapToLong(Long::parseLong).sum();
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
