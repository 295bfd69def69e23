package io.adaptivesqs.camel;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * FIFO ordering against ElasticMQ embedded in the test JVM: always runs.
 */
class FifoOrderingIT extends FifoOrderingContract {

    private static EmbeddedElasticMq server;

    @BeforeAll
    static void startServer() {
        server = EmbeddedElasticMq.start();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @Override
    SqsTestServer server() {
        return server;
    }
}
