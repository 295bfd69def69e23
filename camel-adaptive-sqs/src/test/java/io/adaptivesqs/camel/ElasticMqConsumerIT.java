package io.adaptivesqs.camel;

import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The consumer contract against ElasticMQ embedded in the test JVM: always runs.
 */
class ElasticMqConsumerIT extends AdaptiveSqsConsumerContract {

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    @Override
    SqsTestServer server() {
        return sqs.server();
    }
}
