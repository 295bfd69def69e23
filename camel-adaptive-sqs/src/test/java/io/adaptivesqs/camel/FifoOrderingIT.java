package io.adaptivesqs.camel;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * FIFO ordering against ElasticMQ embedded in the test JVM: always runs.
 */
class FifoOrderingIT extends FifoOrderingContract {

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    @Override
    SqsTestServer server() {
        return sqs.server();
    }
}
