package io.adaptivesqs.camel;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequest;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Options that change what happens to a message: deleteAfterRead, extendMessageVisibility, and how message
 * attributes become headers.
 */
class ConsumerOptionsIT extends FaultTestSupport {

    @Test
    void withDeleteAfterReadFalseCompletedMessagesStayAndComeBack() throws Exception {
        String name = queueName("no-delete");
        String url = createQueue(name, 1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?deleteAfterRead=false&concurrentConsumers=2&waitTimeSeconds=1")
                        .routeId("no-delete")
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        });

        List<String> sent = server.sendNumbered(url, "nd", 5);

        // completed, not deleted, and no longer kept invisible: each comes back after its visibility timeout
        await().atMost(Duration.ofSeconds(30))
                .until(() -> sent.stream().allMatch(id -> ledger.completions(id) >= 2));
        AdaptiveSqsConsumer consumer = consumerOf("no-delete");
        assertThat(consumer.status().deleted()).isZero();
        assertThat(consumer.status().completed()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void withExtendMessageVisibilityFalseSlowMessagesAreDeliveredAgain() throws Exception {
        String name = queueName("no-extension");
        String url = createQueue(name, 1);
        CountingVisibilityChanges counting = new CountingVisibilityChanges(server.client());
        context.getRegistry().bind("counting", counting);
        Map<String, String> receiveCounts = new ConcurrentHashMap<>();
        Map<String, CountDownLatch> deliveredAgain = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?amazonSQSClient=#counting&extendMessageVisibility=false"
                     + "&concurrentConsumers=4&waitTimeSeconds=1&attributeNames=ApproximateReceiveCount")
                        .routeId("no-extension")
                        .process(e -> {
                            String id = e.getIn().getBody(String.class);
                            receiveCounts.merge(id, e.getIn().getHeader("ApproximateReceiveCount", String.class),
                                    (a, b) -> a + "," + b);
                            CountDownLatch again = deliveredAgain.computeIfAbsent(id, i -> new CountDownLatch(1));
                            if (ledger.attempted(id) == 1) {
                                // the first exchange stays in the route until its 1 s visibility timeout, which
                                // nothing extends, has run out and SQS has delivered the message again
                                again.await(20, TimeUnit.SECONDS);
                            } else {
                                again.countDown();
                            }
                            ledger.completed(id);
                        });
            }
        });

        List<String> sent = server.sendNumbered(url, "ne", 2);

        await().atMost(Duration.ofSeconds(30)).until(() -> sent.stream().allMatch(id -> ledger.attempts(id) >= 2));
        awaitQueueEmpty(url, Duration.ofSeconds(30));
        assertThat(receiveCounts.values()).allSatisfy(counts -> assertThat(counts).startsWith("1,2"));
        assertThat(counting.calls.get()).as("ChangeMessageVisibilityBatch calls while running").isZero();
    }

    @Test
    void messageAttributesBecomeTypedHeadersAsWithAws2Sqs() throws Exception {
        String name = queueName("attribute-headers");
        String url = createQueue(name, 30);
        Map<String, Object> headers = new ConcurrentHashMap<>();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + name + "?messageAttributeNames=All&attributeNames=All&waitTimeSeconds=1")
                        .process(e -> headers.putAll(e.getIn().getHeaders()));
            }
        });

        server.client().sendMessage(b -> b.queueUrl(url).messageBody("typed").messageAttributes(Map.of(
                "tenant", MessageAttributeValue.builder().dataType("String").stringValue("acme").build(),
                "count", MessageAttributeValue.builder().dataType("Number.int").stringValue("7").build(),
                "total", MessageAttributeValue.builder().dataType("Number.long").stringValue("99999999999").build(),
                "blob", MessageAttributeValue.builder().dataType("Binary")
                        .binaryValue(SdkBytes.fromString("bytes", StandardCharsets.UTF_8)).build())));

        await().atMost(Duration.ofSeconds(30)).until(() -> headers.containsKey("tenant"));
        assertThat(headers).containsEntry("tenant", "acme").containsEntry("count", 7)
                .containsEntry("total", 99999999999L);
        assertThat(headers.get("blob")).isInstanceOf(SdkBytes.class);
        assertThat(((SdkBytes) headers.get("blob")).asUtf8String()).isEqualTo("bytes");
        assertThat(List.copyOf(((Map<?, ?>) headers.get(Sqs2Constants.MESSAGE_ATTRIBUTES)).keySet()))
                .map(Object::toString).containsExactlyInAnyOrder("tenant", "count", "total", "blob");
        assertThat(((Map<?, ?>) headers.get(Sqs2Constants.ATTRIBUTES))).isNotEmpty();
        // system attributes also come as headers by name, as aws2-sqs sets them
        assertThat(headers).containsEntry("ApproximateReceiveCount", "1").containsKey("SentTimestamp");
    }

    /** Counts ChangeMessageVisibilityBatch calls. */
    private static final class CountingVisibilityChanges extends DelegatingSqsClient {

        final AtomicLong calls = new AtomicLong();

        CountingVisibilityChanges(SqsClient delegate) {
            super(delegate);
        }

        @Override
        public ChangeMessageVisibilityBatchResponse changeMessageVisibilityBatch(ChangeMessageVisibilityBatchRequest r) {
            calls.incrementAndGet();
            return delegate.changeMessageVisibilityBatch(r);
        }
    }
}
