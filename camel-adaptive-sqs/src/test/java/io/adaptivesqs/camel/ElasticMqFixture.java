package io.adaptivesqs.camel;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The SQS side of the integration tests on embedded ElasticMQ: one ElasticMQ per test
 * class in the JVM, and per test the queues, TCP proxies in front of it and clients a test asks for, proxies and
 * clients closed after the test (once the test has stopped its routes). Use it as
 * {@code @RegisterExtension static final ElasticMqFixture sqs = new ElasticMqFixture();}.
 */
final class ElasticMqFixture implements BeforeAllCallback, AfterAllCallback, AfterEachCallback {

    private final Deque<AutoCloseable> closedAfterTest = new ArrayDeque<>();
    private EmbeddedElasticMq server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = EmbeddedElasticMq.start();
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        while (!closedAfterTest.isEmpty()) {
            closedAfterTest.pop().close();
        }
    }

    @Override
    public void afterAll(ExtensionContext context) {
        server.close();
    }

    EmbeddedElasticMq server() {
        return server;
    }

    /** A new queue named after its purpose (unique per run), with the given visibility timeout; returns its URL. */
    Queue createQueue(String purpose, int visibilityTimeoutSeconds) {
        String name = AdaptiveSqsConsumerContract.uniqueQueueName(purpose);
        String url = server.createQueue(name,
                Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
        return new Queue(name, url);
    }

    /** A TCP proxy in front of the server, to cut and restore every connection; closed after the test. */
    TcpProxy proxy() {
        try {
            return closedAfterTest(TcpProxy.start(server.endpoint().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client that talks to the server through the proxy; closed after the test. */
    SqsClient clientThrough(TcpProxy proxy) {
        return closedAfterTest(client(URI.create("http://127.0.0.1:" + proxy.port())));
    }

    /** A client for an SQS server at this endpoint (ElasticMQ takes any credentials); the caller closes it. */
    static SqsClient client(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("x", "x")))
                .build();
    }

    /**
     * The URI options that make an adaptive-sqs endpoint build its own client for the server, as a user would
     * configure it.
     */
    String endpointOptions() {
        return "region=us-east-1&accessKey=x&secretKey=x&overrideEndpoint=true&uriEndpointOverride="
               + server.endpoint();
    }

    private <T extends AutoCloseable> T closedAfterTest(T closeable) {
        closedAfterTest.push(closeable);
        return closeable;
    }

    record Queue(String name, String url) {
    }
}
