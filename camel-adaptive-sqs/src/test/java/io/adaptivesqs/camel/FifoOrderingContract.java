package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * FIFO queues against a real SQS server: each message group goes into the route one message at a time and in order,
 * groups in parallel, also across failures, a poison message and a restart. A {@link GroupLedger} records every
 * start and end; losses are counted against what was sent, the queue and its dead-letter queue.
 */
abstract class FifoOrderingContract extends CamelTestSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FifoOrderingContract.class);

    abstract SqsTestServer server();

    private final GroupLedger ledger = new GroupLedger();

    @Override
    protected void bindToRegistry(org.apache.camel.spi.Registry registry) {
        registry.bind("sqs", server().client());
    }

    @Test
    void everyGroupInOrderNeverTwoAtOnceEachMessageOnce() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("ordered") + ".fifo";
        String url = createFifoQueue(queue, 30, null);
        List<String> sent = sendGroups(url, 32, 100);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=8&minPollers=3&maxPollers=8&waitTimeSeconds=1")
                        .routeId("ordered")
                        .process(e -> start(e))
                        .delay(10).syncDelayed()
                        .process(e -> complete(e));
            }
        });
        long started = System.nanoTime();

        // the middle 80% shows the steady rate, without the start and the tail where groups run out
        awaitCompleted(sent.size() / 10, Duration.ofSeconds(60));
        long steadyFrom = System.nanoTime();
        awaitCompleted(sent.size() * 9 / 10, Duration.ofSeconds(60));
        long steadyTo = System.nanoTime();
        awaitCompleted(sent.size(), Duration.ofSeconds(60));
        double seconds = (System.nanoTime() - started) / 1e9;
        awaitQueueEmpty(url);

        List<Double> groupRates = ledger.groupRates();
        double serviceMillis = consumer("ordered").getServiceTimeMillis();
        LOG.info(String.format(java.util.Locale.ROOT, "FIFO 32 groups x 100, 8 consumers, 10 ms of work: %d messages "
                 + "in %.1f s = %.0f msg/s overall, %.0f msg/s steady (middle 80%%) against 8 / %.1f ms measured "
                 + "service time = %.0f msg/s; per group %.0f-%.0f msg/s (median %.0f); pollers at the end %d",
                sent.size(), seconds, sent.size() / seconds, sent.size() * 0.8 / ((steadyTo - steadyFrom) / 1e9),
                serviceMillis, 8000 / serviceMillis, groupRates.get(0), groupRates.get(groupRates.size() - 1),
                groupRates.get(groupRates.size() / 2), consumer("ordered").getActivePollers()));
        assertOrderedAndComplete(sent, List.of());
    }

    @Test
    void aMessageThatFailsTwiceThenSucceedsKeepsItsGroupsOrder() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("retried") + ".fifo";
        String url = createFifoQueue(queue, 1, null);
        List<String> sent = sendGroups(url, 4, 30);
        String flaky = GroupLedger.body("g01", 12);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=4&minPollers=2&maxPollers=4&waitTimeSeconds=1")
                        .routeId("retried")
                        .process(e -> {
                            String body = e.getIn().getBody(String.class);
                            if (start(e) <= 2 && body.equals(flaky)) {
                                ledger.failed(body);
                                throw new IllegalStateException("fails on purpose, attempt " + ledger.attempts(body));
                            }
                        })
                        .delay(2).syncDelayed()
                        .process(e -> complete(e));
            }
        });

        awaitCompleted(sent.size(), Duration.ofSeconds(60));
        awaitQueueEmpty(url);

        assertThat(ledger.attempts(flaky)).isEqualTo(3);
        assertThat(ledger.completionOrder("g01")).isSorted().hasSize(30);
        assertThat(consumer("retried").status().released())
                .as("the later messages of g01 held when it failed went back to SQS").isPositive();
        assertOrderedAndComplete(sent, List.of());
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterQueueAndItsGroupContinuesInOrder() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("poison") + ".fifo";
        String deadLetterUrl = createFifoQueue(queue.replace(".fifo", "-dlq.fifo"), 30, null);
        String url = createFifoQueue(queue, 1, deadLetterUrl);
        List<String> sent = sendGroups(url, 4, 30);
        String poison = GroupLedger.body("g02", 7);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=4&minPollers=2&maxPollers=4&waitTimeSeconds=1")
                        .routeId("poison")
                        .process(e -> {
                            String body = e.getIn().getBody(String.class);
                            start(e);
                            if (body.equals(poison)) {
                                ledger.failed(body);
                                throw new IllegalStateException("poison");
                            }
                        })
                        .delay(2).syncDelayed()
                        .process(e -> complete(e));
            }
        });

        // the group's last message completes only after the poison message left the queue
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.attempts(GroupLedger.body("g02", 29)) > 0
                                                            && ledger.completionOrder("g02").contains(29));
        awaitQueueEmpty(url);
        List<String> deadLettered = drain(deadLetterUrl);

        LOG.info("FIFO poison: dead-lettered {} (the messages SQS returned with the poison message share its "
                 + "receive count)", deadLettered);
        assertThat(deadLettered).contains(poison)
                .allSatisfy(body -> assertThat(GroupLedger.groupOf(body)).isEqualTo("g02"))
                .allSatisfy(body -> assertThat(GroupLedger.sequenceOf(body)).isGreaterThanOrEqualTo(7));
        assertThat(ledger.attempts(poison)).isEqualTo(2);
        assertOrderedAndComplete(sent, deadLettered);
    }

    @Test
    void aStopAndASuspendInTheMiddleLoseNothingAndKeepTheOrder() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("restart") + ".fifo";
        // an hour: a message not handed back at the stop would stay invisible far longer than this test waits
        String url = createFifoQueue(queue, 3600, null);
        List<String> sent = sendGroups(url, 16, 50);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?concurrentConsumers=8&minPollers=3&maxPollers=6&waitTimeSeconds=1")
                        .routeId("restart")
                        .process(e -> start(e))
                        .delay(5).syncDelayed()
                        .process(e -> complete(e));
            }
        });
        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 200);

        context.getRouteController().stopRoute("restart", 30, TimeUnit.SECONDS);
        assertEverythingNotCompletedWentBack(url, sent.size());
        context.getRouteController().startRoute("restart");

        await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 500);
        context.getRouteController().suspendRoute("restart", 30, TimeUnit.SECONDS);
        assertEverythingNotCompletedWentBack(url, sent.size());
        context.getRouteController().resumeRoute("restart");

        awaitCompleted(sent.size(), Duration.ofSeconds(60));
        awaitQueueEmpty(url);
        assertOrderedAndComplete(sent, List.of());
    }

    private void assertEverythingNotCompletedWentBack(String url, int sent) {
        int completed = ledger.completedCount();
        assertThat(completed).isLessThan(sent);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server().visibleAndInFlight(url))
                .as("everything received and not completed went back").containsExactly(sent - completed, 0));
    }

    @Test
    void fifoHeadersAreThereWithoutAskingForThem() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("headers") + ".fifo";
        String url = createFifoQueue(queue, 30, null);
        Map<String, Object> seen = new ConcurrentHashMap<>();
        CountDownLatch received = new CountDownLatch(1);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?waitTimeSeconds=1").process(e -> {
                    seen.putAll(e.getIn().getHeaders());
                    seen.put("property", e.getProperty(Sqs2Constants.MESSAGE_GROUP_ID_PROPERTY));
                    received.countDown();
                });
            }
        });

        server().client().sendMessage(b -> b.queueUrl(url).messageBody("h").messageGroupId("orders-42")
                .messageDeduplicationId("dedup-1"));

        assertThat(received.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).containsEntry("MessageGroupId", "orders-42")
                .containsEntry("MessageDeduplicationId", "dedup-1")
                .containsKey("SequenceNumber")
                .containsEntry(Sqs2Constants.SEQUENCE_NUMBER, seen.get("SequenceNumber"))
                .containsEntry("property", "orders-42");
    }

    private int start(Exchange exchange) {
        return ledger.started(exchange.getIn().getBody(String.class), exchange.getIn().getHeader("MessageGroupId",
                String.class));
    }

    private void complete(Exchange exchange) {
        ledger.completed(exchange.getIn().getBody(String.class));
    }

    private void assertOrderedAndComplete(List<String> sent, List<String> deadLettered) {
        MessageLedger.Tally tally = ledger.tally(sent, deadLettered).report("fifo");
        assertThat(ledger.outOfOrderStarts(deadLettered)).as("messages started before an earlier one of their group")
                .isEmpty();
        assertThat(ledger.overlaps()).as("times two messages of one group were in the route at once").isZero();
        assertThat(ledger.mislabelled()).as("messages with a wrong MessageGroupId header").isZero();
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
        assertThat(tally.completed() + tally.deadLettered()).isEqualTo(sent.size());
    }

    private void awaitCompleted(int count, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(10)).until(() -> ledger.completedCount() >= count);
    }

    private void awaitQueueEmpty(String url) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(
                () -> assertThat(server().visibleAndInFlight(url)).containsExactly(0, 0));
    }

    private AdaptiveSqsConsumer consumer(String routeId) {
        return (AdaptiveSqsConsumer) context.getRoute(routeId).getConsumer();
    }

    private String createFifoQueue(String name, int visibilityTimeoutSeconds, String deadLetterUrl) {
        Map<QueueAttributeName, String> attributes = new java.util.HashMap<>(Map.of(
                QueueAttributeName.FIFO_QUEUE, "true",
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)));
        if (deadLetterUrl != null) {
            String arn = server().client().getQueueAttributes(b -> b.queueUrl(deadLetterUrl)
                    .attributeNames(QueueAttributeName.QUEUE_ARN)).attributes().get(QueueAttributeName.QUEUE_ARN);
            attributes.put(QueueAttributeName.REDRIVE_POLICY,
                    "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + arn + "\"}");
        }
        return server().createQueue(name, attributes);
    }

    /**
     * Sends {@code perGroup} messages to each of {@code groups} groups, the groups interleaved, ten per call. (One
     * sender: on ElasticMQ, FIFO sends from several threads are no faster.)
     */
    private List<String> sendGroups(String url, int groups, int perGroup) {
        long start = System.nanoTime();
        List<String> sent = sendGroups(url, 0, 1, groups, perGroup);
        LOG.info("Sent {} messages in {} ms", sent.size(), (System.nanoTime() - start) / 1_000_000);
        return sent;
    }

    private List<String> sendGroups(String url, int firstGroup, int step, int groups, int perGroup) {
        List<String> sent = new ArrayList<>();
        List<SendMessageBatchRequestEntry> batch = new ArrayList<>();
        for (int sequence = 0; sequence < perGroup; sequence++) {
            for (int g = firstGroup; g < groups; g += step) {
                String group = String.format("g%02d", g);
                String body = GroupLedger.body(group, sequence);
                sent.add(body);
                batch.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(batch.size())).messageBody(body)
                        .messageGroupId(group).messageDeduplicationId(body.replace(':', '-')).build());
                if (batch.size() == 10) {
                    send(url, batch);
                }
            }
        }
        send(url, batch);
        return sent;
    }

    private void send(String url, List<SendMessageBatchRequestEntry> batch) {
        if (batch.isEmpty()) {
            return;
        }
        List<SendMessageBatchRequestEntry> entries = List.copyOf(batch);
        var response = server().client().sendMessageBatch(b -> b.queueUrl(url).entries(entries));
        if (!response.failed().isEmpty()) {
            throw new IllegalStateException("Could not send test messages: " + response.failed());
        }
        batch.clear();
    }

    private List<String> drain(String url) {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = server().client().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10)
                    .waitTimeSeconds(1).visibilityTimeout(60)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < messages.size(); i++) {
                bodies.add(messages.get(i).body());
                entries.add(DeleteMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(messages.get(i).receiptHandle()).build());
            }
            server().client().deleteMessageBatch(b -> b.queueUrl(url).entries(entries));
        }
    }
}
