package io.adaptivesqs.camel;

import java.net.URI;

import org.testcontainers.localstack.LocalStackContainer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;

/** LocalStack's SQS in a container, as the contract tests' server. */
final class LocalStackSqs implements SqsTestServer {

    static final String IMAGE = "localstack/localstack:4.9.2";

    private final LocalStackContainer container;
    private final SqsClient client;

    LocalStackSqs(LocalStackContainer container) {
        this.container = container;
        this.client = SqsClient.builder()
                .endpointOverride(container.getEndpoint())
                .region(Region.of(container.getRegion()))
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(container.getAccessKey(), container.getSecretKey())))
                .build();
    }

    static LocalStackContainer container() {
        return new LocalStackContainer(IMAGE).withServices("sqs");
    }

    @Override
    public SqsClient client() {
        return client;
    }

    @Override
    public URI endpoint() {
        return container.getEndpoint();
    }

    @Override
    public void close() {
        client.close();
    }
}
