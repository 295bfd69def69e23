package io.adaptivesqs.camel;

import java.net.URI;

import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.services.sqs.SqsClient;

/** ElasticMQ that can be stopped and started again on the same port, losing its in-memory queues. */
final class RestartableElasticMq implements SqsTestServer {

    private final int port;
    private final SqsClient client;
    private SQSRestServer server;

    private RestartableElasticMq(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
        this.client = ElasticMqFixture.client(endpoint());
    }

    static RestartableElasticMq start() {
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
        return new RestartableElasticMq(server, server.waitUntilStarted().localAddress().getPort());
    }

    void stop() {
        server.stopAndWait();
        server = null;
    }

    void restart() {
        server = SQSRestServerBuilder.withInterface("127.0.0.1").withPort(port).start();
        server.waitUntilStarted();
    }

    @Override
    public SqsClient client() {
        return client;
    }

    @Override
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    @Override
    public void close() {
        client.close();
        if (server != null) {
            server.stopAndWait();
        }
    }
}
