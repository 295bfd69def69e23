package io.adaptivesqs.camel;

import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * How an {@code adaptive-sqs:} endpoint reaches its queue: the client, or the region, endpoint and credentials that
 * camel-aws2-sqs builds one from ({@link SqsClients}), and whether the queue is created or owned by another account.
 */
@UriParams
public class SqsConnectionConfiguration {

    @UriParam(label = "common", defaultValue = "false")
    private boolean autoCreateQueue;
    @UriParam(label = "common")
    private String queueOwnerAWSAccountId;
    @UriParam(label = "common")
    @Metadata(autowired = true)
    private SqsClient amazonSQSClient;
    @UriParam(label = "common")
    private String region;
    @UriParam(label = "common", defaultValue = "false")
    private boolean overrideEndpoint;
    @UriParam(label = "common")
    private String uriEndpointOverride;

    @UriParam(label = "security", secret = true)
    private String accessKey;
    @UriParam(label = "security", secret = true)
    private String secretKey;
    @UriParam(label = "security", secret = true)
    private String sessionToken;
    @UriParam(label = "security", defaultValue = "false")
    private boolean useSessionCredentials;
    @UriParam(label = "security", defaultValue = "false")
    private boolean useDefaultCredentialsProvider;
    @UriParam(label = "security", defaultValue = "false")
    private boolean useProfileCredentialsProvider;
    @UriParam(label = "security")
    private String profileCredentialsName;
    @UriParam(label = "security", defaultValue = "false")
    private boolean trustAllCertificates;

    public boolean isAutoCreateQueue() {
        return autoCreateQueue;
    }

    /**
     * Create the queue at start when it does not exist. When false, a missing queue fails the route's start.
     */
    public void setAutoCreateQueue(boolean autoCreateQueue) {
        this.autoCreateQueue = autoCreateQueue;
    }

    public String getQueueOwnerAWSAccountId() {
        return queueOwnerAWSAccountId;
    }

    /**
     * The account that owns the queue, when it is not the caller's own.
     */
    public void setQueueOwnerAWSAccountId(String queueOwnerAWSAccountId) {
        this.queueOwnerAWSAccountId = queueOwnerAWSAccountId;
    }

    public SqsClient getAmazonSQSClient() {
        return amazonSQSClient;
    }

    /**
     * An SqsClient to use instead of building one from region and credentials. When exactly one is in the registry,
     * it is used.
     */
    public void setAmazonSQSClient(SqsClient amazonSQSClient) {
        this.amazonSQSClient = amazonSQSClient;
    }

    public String getRegion() {
        return region;
    }

    /**
     * The AWS region of the queue, such as eu-west-1. Without it, the SDK's default region chain applies.
     */
    public void setRegion(String region) {
        this.region = region;
    }

    public boolean isOverrideEndpoint() {
        return overrideEndpoint;
    }

    /**
     * Send requests to uriEndpointOverride instead of the region's SQS endpoint.
     */
    public void setOverrideEndpoint(boolean overrideEndpoint) {
        this.overrideEndpoint = overrideEndpoint;
    }

    public String getUriEndpointOverride() {
        return uriEndpointOverride;
    }

    /**
     * The endpoint URI used when overrideEndpoint is true, such as http://localhost:9324.
     */
    public void setUriEndpointOverride(String uriEndpointOverride) {
        this.uriEndpointOverride = uriEndpointOverride;
    }

    public String getAccessKey() {
        return accessKey;
    }

    /**
     * Amazon AWS access key.
     */
    public void setAccessKey(String accessKey) {
        this.accessKey = accessKey;
    }

    public String getSecretKey() {
        return secretKey;
    }

    /**
     * Amazon AWS secret key.
     */
    public void setSecretKey(String secretKey) {
        this.secretKey = secretKey;
    }

    public String getSessionToken() {
        return sessionToken;
    }

    /**
     * Amazon AWS session token, used with useSessionCredentials.
     */
    public void setSessionToken(String sessionToken) {
        this.sessionToken = sessionToken;
    }

    public boolean isUseSessionCredentials() {
        return useSessionCredentials;
    }

    /**
     * Build the client from accessKey, secretKey and sessionToken.
     */
    public void setUseSessionCredentials(boolean useSessionCredentials) {
        this.useSessionCredentials = useSessionCredentials;
    }

    public boolean isUseDefaultCredentialsProvider() {
        return useDefaultCredentialsProvider;
    }

    /**
     * Take credentials from the AWS SDK's default provider chain (environment, profile, instance role, ...). This is
     * also what happens when no access key is given.
     */
    public void setUseDefaultCredentialsProvider(boolean useDefaultCredentialsProvider) {
        this.useDefaultCredentialsProvider = useDefaultCredentialsProvider;
    }

    public boolean isUseProfileCredentialsProvider() {
        return useProfileCredentialsProvider;
    }

    /**
     * Take credentials from a named profile, see profileCredentialsName.
     */
    public void setUseProfileCredentialsProvider(boolean useProfileCredentialsProvider) {
        this.useProfileCredentialsProvider = useProfileCredentialsProvider;
    }

    public String getProfileCredentialsName() {
        return profileCredentialsName;
    }

    /**
     * The profile name used with useProfileCredentialsProvider.
     */
    public void setProfileCredentialsName(String profileCredentialsName) {
        this.profileCredentialsName = profileCredentialsName;
    }

    public boolean isTrustAllCertificates() {
        return trustAllCertificates;
    }

    /**
     * Trust every certificate when the endpoint is overridden (for test servers only).
     */
    public void setTrustAllCertificates(boolean trustAllCertificates) {
        this.trustAllCertificates = trustAllCertificates;
    }
}
