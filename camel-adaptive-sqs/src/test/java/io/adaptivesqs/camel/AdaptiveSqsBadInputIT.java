package io.adaptivesqs.camel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Bad input that only a running route meets: a queue that is not there, credentials SQS rejects, an endpoint that
 * does not answer, options rejected as the route starts. Each fails the start with a clear message, logs no
 * credential, and leaves no adaptive-sqs thread running. (Option values alone are covered by
 * {@link AdaptiveSqsOptionsTest}, malformed queue URLs by {@link AdaptiveSqsQueueUrlTest}, the missing queue's
 * message and autoCreateQueue by {@link AdaptiveSqsConsumerContract}.)
 */
class AdaptiveSqsBadInputIT {

    private static final String ACCESS_KEY = "AKIAFAKEACCESSKEY123";
    private static final String SECRET_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYSECRETKEY99";

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    private CamelContext context;
    private String queueUnderTest;

    @AfterEach
    void stopContextAndCheckThreads() {
        if (context != null) {
            context.stop();
            AdaptiveSqsThreads.awaitNoneLeft(queueUnderTest);
        }
    }

    /**
     * Starts a context with one adaptive-sqs route; returns what the start threw (null if it started). A start
     * that failed must have left no thread of the route's consumer running, even before the context stops.
     */
    private Throwable start(String uri, boolean bindServerClient) throws Exception {
        queueUnderTest = uri.substring("adaptive-sqs:".length(), uri.contains("?") ? uri.indexOf('?') : uri.length());
        context = new DefaultCamelContext();
        if (bindServerClient) {
            context.getRegistry().bind("sqs", sqs.server().client());
        }
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId("bad-input").to("mock:done");
            }
        });
        Throwable error = catchThrowable(context::start);
        if (error != null) {
            AdaptiveSqsThreads.awaitNoneLeft(queueUnderTest);
        }
        return error;
    }

    private static String messages(Throwable error) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            text.append(t.getClass().getSimpleName()).append(": ").append(t.getMessage()).append('\n');
        }
        return text.toString();
    }

    /** The message itself is in the contract; here: nothing is created and nothing left running. */
    @Test
    void aMissingQueueFailsTheStartAndCreatesNothing() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("missing");

        Throwable error = start("adaptive-sqs:" + queue + "?waitTimeSeconds=1", true);

        assertThat(error).isNotNull();
        assertThat(messages(error)).contains("SQS queue '" + queue + "' does not exist", "autoCreateQueue=true");
        assertThat(sqs.server().client().listQueues(b -> b.queueNamePrefix(queue)).queueUrls()).isEmpty();
    }

    /**
     * A full queue URL is taken as given, without a lookup; when its queue is not there the start must still fail
     * clearly rather than leave pollers failing forever.
     */
    static Stream<Arguments> missingQueueUrls() {
        return Stream.of(
                arguments("the queue's own visibility timeout is looked up", ""),
                arguments("no lookup is needed", "&visibilityTimeout=30"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("missingQueueUrls")
    void aMissingQueueGivenByUrlFailsTheStartNamingTheQueue(String why, String options) throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("missing-url");
        String existing = sqs.server().createQueue(AdaptiveSqsConsumerContract.uniqueQueueName("existing"), Map.of());
        String url = existing.substring(0, existing.lastIndexOf('/') + 1) + queue;

        Throwable error = start("adaptive-sqs:" + url + "?waitTimeSeconds=1" + options, true);

        assertThat(error).as("starting a route on a queue URL that does not exist").isNotNull();
        assertThat(messages(error)).contains(queue).containsIgnoringCase("does not exist");
    }

    @Test
    void rejectedCredentialsFailTheStartAndAreNeverLogged() throws Exception {
        try (RejectingCredentialsSqsStub sqs = RejectingCredentialsSqsStub.start();
             CapturedLog log = CapturedLog.capture(Level.DEBUG, "io.adaptivesqs", "org.apache.camel")) {
            Throwable error = start(withRejectedCredentials(sqs), false);

            assertThat(sqs.targets()).as("requests the stub answered").isNotEmpty();
            assertThat(error).isNotNull();
            assertThat(messages(error)).contains(RejectingCredentialsSqsStub.MESSAGE);
            assertThat(stackTraceOf(error)).doesNotContain(SECRET_KEY);
            assertThat(log.lines()).isNotEmpty().allSatisfy(line -> assertThat(line.rendered())
                    .doesNotContain(SECRET_KEY).doesNotContain(ACCESS_KEY));
        }
    }

    @Test
    void anEndpointThatDoesNotAnswerFailsTheStart() throws Exception {
        int closedPort = freePort();

        Throwable error = start(atClosedPort(closedPort), false);

        assertThat(error).isNotNull();
        assertThat(messages(error)).contains("127.0.0.1:" + closedPort).contains("Connection refused");
    }

    /**
     * An error at start should say which endpoint met it: a context may consume several queues, and SQS's own
     * message names none.
     */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = { "credentials rejected", "endpoint not answering" })
    void startErrorsNameTheQueue(String fault) throws Exception {
        Throwable error;
        if (fault.equals("credentials rejected")) {
            try (RejectingCredentialsSqsStub sqs = RejectingCredentialsSqsStub.start()) {
                error = start(withRejectedCredentials(sqs), false);
            }
        } else {
            error = start(atClosedPort(freePort()), false);
        }

        assertThat(error).isNotNull();
        assertThat(messages(error)).contains("orders");
    }

    private static String withRejectedCredentials(RejectingCredentialsSqsStub sqs) {
        return "adaptive-sqs:orders?region=us-east-1&accessKey=" + ACCESS_KEY + "&secretKey=RAW(" + SECRET_KEY
               + ")&overrideEndpoint=true&uriEndpointOverride=" + sqs.endpoint() + "&waitTimeSeconds=1";
    }

    private static String atClosedPort(int port) {
        return "adaptive-sqs:orders?region=us-east-1&accessKey=x&secretKey=y&overrideEndpoint=true"
               + "&uriEndpointOverride=http://127.0.0.1:" + port + "&waitTimeSeconds=1";
    }

    private static String stackTraceOf(Throwable error) {
        StringWriter text = new StringWriter();
        error.printStackTrace(new PrintWriter(text));
        return text.toString();
    }

    static Stream<Arguments> optionsRejectedAtRouteStart() {
        return Stream.of(
                arguments("minPollers=21", "minPollers=21: must not exceed maxPollers (20)"),
                arguments("waitTimeSeconds=25", "waitTimeSeconds=25: must be between 0 and 20"),
                arguments("concurrentConsumers=-1", "concurrentConsumers=-1: must be at least 1"),
                arguments("maxBackoff=10", "maxBackoff=10: must be at least 100"),
                arguments("deleteBatchDelay=-5", "deleteBatchDelay=-5: must be at least 0"),
                arguments("scaleDownTicks=0", "scaleDownTicks=0: must be at least 1"),
                arguments("visibilityTimeout=43201", "visibilityTimeout=43201: must be between 1 and 43200"),
                arguments("concurrentConsumer=4", "Unknown parameters=[{concurrentConsumer=4}]"),
                arguments("amazonSQSClient=#noSuchClient", "noSuchClient"));
    }

    @ParameterizedTest(name = "adaptive-sqs:orders?{0}")
    @MethodSource("optionsRejectedAtRouteStart")
    void optionsRejectedAtRouteStartLeaveNothingRunning(String options, String message) throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("bad-options");
        sqs.server().createQueue(queue, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "30"));

        Throwable error = start("adaptive-sqs:" + queue + "?" + options, true);

        assertThat(error).isNotNull();
        assertThat(messages(error)).contains(message);
    }

    @Test
    void aQueueWhoseVisibilityTimeoutIsZeroFailsTheStartNamingTheOption() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("zero-visibility");
        sqs.server().createQueue(queue, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"));

        Throwable error = start("adaptive-sqs:" + queue + "?waitTimeSeconds=1", true);

        assertThat(error).isNotNull();
        assertThat(messages(error)).contains("VisibilityTimeout of 0", "set visibilityTimeout (1 to 43200 seconds)");
    }

    @Test
    void aZeroVisibilityTimeoutQueueWorksWithTheOptionSet() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("zero-visibility-set");
        sqs.server().createQueue(queue, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "0"));

        assertThat(start("adaptive-sqs:" + queue + "?waitTimeSeconds=1&visibilityTimeout=30", true)).isNull();
    }

    /** A failed start is followed by a stop of the consumer that never ran; that stop must not fail in turn. */
    @Test
    void aFailedStartLogsNoErrorFromTheStop() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("missing-logged");
        try (CapturedLog log = CapturedLog.capture()) {
            Throwable error = start("adaptive-sqs:" + queue + "?waitTimeSeconds=1", true);
            context.stop();

            assertThat(error).isNotNull();
            assertThat(log.lines()).as("what the failed start and the stop logged").isNotEmpty()
                    .noneSatisfy(line -> assertThat(line.rendered()).contains("NullPointerException"));
        }
    }

    /** A loopback port nothing listens on (it was free a moment ago). */
    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
