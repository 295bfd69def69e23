package io.adaptivesqs.camel;

import java.net.URI;

import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * FIFO ordering against LocalStack's SQS in a container. Skipped where no Docker engine runs.
 */
@Testcontainers(disabledWithoutDocker = true)
class LocalStackFifoOrderingIT extends FifoOrderingContract {

    @Container
    static final LocalStackContainer LOCALSTACK = new LocalStackContainer("localstack/localstack:4.9.2")
            .withServices("sqs");

    private static SqsTestServer server;

    @Override
    synchronized SqsTestServer server() {
        if (server == null) {
            server = new LocalStackServer();
        }
        return server;
    }

    private static final class LocalStackServer implements SqsTestServer {
        private final SqsClient client = SqsClient.builder()
                .endpointOverride(LOCALSTACK.getEndpoint())
                .region(Region.of(LOCALSTACK.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(LOCALSTACK.getAccessKey(), LOCALSTACK.getSecretKey())))
                .build();

        @Override
        public SqsClient client() {
            return client;
        }

        @Override
        public URI endpoint() {
            return LOCALSTACK.getEndpoint();
        }

        @Override
        public void close() {
            client.close();
        }
    }
}
