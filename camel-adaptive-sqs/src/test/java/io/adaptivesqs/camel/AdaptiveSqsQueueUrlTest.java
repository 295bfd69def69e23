package io.adaptivesqs.camel;

import java.util.stream.Stream;

import org.apache.camel.CamelContext;
import org.apache.camel.ResolveEndpointFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Malformed queue names and URLs fail when the endpoint is resolved, quoting what was given and saying what is
 * expected. Complements the option table in {@link AdaptiveSqsOptionsTest}.
 */
class AdaptiveSqsQueueUrlTest {

    private static final String HOST = "https://sqs.eu-west-1.amazonaws.com";
    private static final String LONG_NAME = "q".repeat(81);

    private CamelContext context;

    @BeforeEach
    void createContext() {
        context = new DefaultCamelContext();
    }

    @AfterEach
    void stopContext() {
        context.stop();
    }

    static Stream<Arguments> malformedQueues() {
        String expectedUrl = "expected scheme://host/accountId/queueName";
        String expectedName = "use 1 to 80 letters, digits, '-' or '_'";
        return Stream.of(
                arguments(HOST + "/123456789012/", expectedUrl),
                arguments(HOST + "/123456789012", expectedUrl),
                arguments(HOST + "/123456789012/orders/extra", expectedUrl),
                arguments(HOST + "/123456789012/" + LONG_NAME, expectedUrl),
                arguments(HOST + "/123456789012/orders.fifo.fifo", expectedUrl),
                arguments(HOST + "/123456789012/ord*rs", expectedUrl),
                arguments("https:///123456789012/orders", expectedUrl),
                arguments("https://sqs.eu-west-1.amazonaws.com:port/123456789012/orders", expectedUrl),
                arguments("http://", "Invalid adaptive-sqs queue URL 'http://'"),
                arguments("ftp://sqs.eu-west-1.amazonaws.com/123456789012/orders", expectedName),
                arguments("sqs.eu-west-1.amazonaws.com/123456789012/orders", expectedName),
                arguments(LONG_NAME, expectedName),
                arguments("orders.fifo.fifo", expectedName),
                arguments("orders.", expectedName),
                arguments("ordérs", expectedName));
    }

    @ParameterizedTest(name = "adaptive-sqs:{0}")
    @MethodSource("malformedQueues")
    void rejectsQuotingTheQueueAndWhatIsExpected(String queue, String expected) {
        assertThatThrownBy(() -> context.getEndpoint("adaptive-sqs:" + queue))
                .isInstanceOf(ResolveEndpointFailedException.class)
                .satisfies(e -> assertThat(causes(e)).contains(expected).contains("'" + queue + "'"));
    }

    private static String causes(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            text.append(t.getMessage()).append(" | ");
        }
        return text.toString();
    }
}
