package io.adaptivesqs.camel;

import java.net.URI;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * ElasticMQ running inside the test JVM on a free loopback port.
 */
final class EmbeddedElasticMq implements SqsTestServer {

    private final SQSRestServer server;
    private final URI endpoint;
    private final SqsClient client;

    private EmbeddedElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.endpoint = URI.create("http://127.0.0.1:" + port);
        this.client = ElasticMqFixture.client(endpoint);
    }

    static EmbeddedElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        int port = server.waitUntilStarted().localAddress().getPort();
        return new EmbeddedElasticMq(server, port);
    }

    @Override
    public SqsClient client() {
        return client;
    }

    @Override
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        client.close();
        server.stopAndWait();
    }
}
