package io.adaptivesqs.camel;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;

/**
 * FIFO ordering against LocalStack's SQS in a container. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackFifoOrderingIT extends FifoOrderingContract {

    @Container
    static final LocalStackContainer LOCALSTACK = LocalStackSqs.container();

    private static SqsTestServer server;

    @Override
    synchronized SqsTestServer server() {
        if (server == null) {
            server = new LocalStackSqs(LOCALSTACK);
        }
        return server;
    }
}
