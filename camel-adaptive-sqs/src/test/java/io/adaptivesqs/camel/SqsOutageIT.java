package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.logging.log4j.Level;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * 2. SQS becomes unreachable while pollers run, and comes back: a network partition (a TCP proxy that resets every
 * connection; ElasticMQ keeps its state), and a restart of ElasticMQ on the same port (which loses its in-memory
 * queues, so the test creates the queue again). Pollers back off and log once per streak, the health check goes
 * DOWN then UP, and the consumer recovers by itself without losing what it had received.
 * <p>
 * Losses are counted from SQS's side: what SQS acknowledged as sent, and what it handed to the consumer, against
 * what the route completed and what is still in the queue once nothing moves any more.
 */
class SqsOutageIT extends CamelTestSupport {

    private static final String RECEIVE_FAILED = "failed, backing off";
    private static final String RECEIVE_RECOVERED = "recovered after";

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    private final MessageLedger ledger = new MessageLedger();

    /**
     * The consumer's readiness as Camel reports it: its check "consumer:&lt;routeId&gt;" in the consumers repository
     * (which camel-main registers when health checks are on; here the test asks for it). Empty if there is none.
     */
    private Optional<HealthCheck.State> readiness(String routeId) {
        HealthCheckHelper.getHealthCheckRepository(context, "consumers");
        return HealthCheckHelper.invokeReadiness(context).stream()
                .filter(result -> result.getCheck().getId().equals("consumer:" + routeId))
                .map(HealthCheck.Result::getState)
                .findFirst();
    }

    /**
     * Waits until the pollers see receives failing (or succeeding again), and notes what the health check reports
     * then. The waits go by what the pollers observe, so that the rest of the test runs even when the health check
     * misbehaves; what it reported is asserted at the end.
     */
    private void awaitReceivesFailing(AdaptiveSqsConsumer consumer, boolean failing,
                                      List<Optional<HealthCheck.State>> reported) {
        await().atMost(Duration.ofSeconds(30)).until(() -> consumer.receiveHealth().isFailing() == failing);
        HealthCheck.State expected = failing ? HealthCheck.State.DOWN : HealthCheck.State.UP;
        String routeId = consumer.getRouteId();
        if (readiness(routeId).isPresent()) {
            // the check reads the same state; allow for a poller recovering just now
            await().atMost(Duration.ofSeconds(5)).until(() -> readiness(routeId).orElseThrow() == expected);
        }
        reported.add(readiness(routeId));
    }

    private AdaptiveSqsConsumer addRoute(String routeId, String queue, String clientName) throws Exception {
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("adaptive-sqs:" + queue + "?amazonSQSClient=#" + clientName + "&concurrentConsumers=4"
                     + "&maxPollers=4&waitTimeSeconds=1&supervisorInterval=250&maxBackoff=1000")
                        .routeId(routeId)
                        .process(e -> ledger.attempted(e.getIn().getBody(String.class)))
                        .delay(20).syncDelayed()
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        });
        return (AdaptiveSqsConsumer) context.getRoute(routeId).getConsumer();
    }

    /**
     * Waits until nothing moves any more: no exchange in the route, nothing buffered or held by the consumer, and
     * nothing visible or in flight in the queue. A message the consumer lost does not hold this up, so that a loss
     * shows in the counts of a failed assertion rather than as a timeout. Returns whether it settled in time.
     */
    private static boolean settles(AdaptiveSqsConsumer consumer, SqsTestServer server, String url) {
        try {
            await("nothing moves any more").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .until(() -> consumer.getInflight() == 0 && consumer.getBufferDepth() == 0
                                 && consumer.getLimbo() == 0
                                 && Arrays.equals(server.visibleAndInFlight(url), new int[2]));
            return true;
        } catch (ConditionTimeoutException e) {
            return false;
        }
    }

    /** Of these messages, the ones the route never completed. */
    private List<String> notCompleted(Collection<String> ids) {
        return ids.stream().filter(id -> ledger.completions(id) == 0).sorted().toList();
    }

    private static int stillInQueue(SqsTestServer server, String url) {
        int[] counts = server.visibleAndInFlight(url);
        return counts[0] + counts[1];
    }

    private static String sample(List<String> ids) {
        return ids.size() <= 10 ? ids.toString() : ids.subList(0, 10) + " and " + (ids.size() - 10) + " more";
    }

    @Test
    void networkPartitionMidRunIsSurvived() throws Exception {
        ElasticMqFixture.Queue queue = sqs.createQueue("partition", 5);
        TcpProxy proxy = sqs.proxy();
        try (CapturedLog log = CapturedLog.capture()) {
            try {
                context.getRegistry().bind("throughProxy", sqs.clientThrough(proxy));
                AdaptiveSqsConsumer consumer = addRoute("partition", queue.name(), "throughProxy");
                List<String> sent = sqs.server().sendNumbered(queue.url(), "np", 1000);
                List<Optional<HealthCheck.State>> readiness = new ArrayList<>();
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 100);
                awaitReceivesFailing(consumer, false, readiness);

                int completedAtCut = ledger.completedCount();
                long errorsAtCut = consumer.status().receiveErrors();
                proxy.cut();
                awaitReceivesFailing(consumer, true, readiness);
                // the partition lasts a few seconds, and receiving keeps failing throughout while pollers keep trying
                await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                        .until(() -> consumer.receiveHealth().isFailing());
                long errorsDuringCut = consumer.status().receiveErrors() - errorsAtCut;
                proxy.restore();
                awaitReceivesFailing(consumer, false, readiness);

                boolean settled = settles(consumer, sqs.server(), queue.url());
                List<String> missing = notCompleted(sent);
                int inQueue = stillInQueue(sqs.server(), queue.url());
                MessageLedger.Tally tally = ledger.tally(sent, List.of()).report(String.format(
                        "2a network partition (3 s or more, %d receive errors, %d of %d completed when cut)",
                        errorsDuringCut, completedAtCut, sent.size()));

                assertThat(missing.size() - inQueue).as("lost: %d sent and acknowledged by SQS, %d completed, %d "
                        + "still in the queue; not completed: %s", sent.size(), tally.completed(), inQueue,
                        sample(missing)).isLessThanOrEqualTo(0);
                assertThat(settled).as("settled: nothing in the route, the buffer, limbo or the queue").isTrue();
                assertThat(errorsDuringCut).isPositive();
                // the streak is logged once when it starts and once when it ends, however many pollers fail meanwhile
                await().atMost(Duration.ofSeconds(30)).until(() -> !log.find(Level.INFO, RECEIVE_RECOVERED).isEmpty());
                assertThat(log.find(Level.WARN, RECEIVE_FAILED)).hasSize(1);
                assertThat(log.find(Level.INFO, RECEIVE_RECOVERED)).hasSize(1);
                assertThat(readiness).as("readiness before, during and after the partition")
                        .containsExactly(Optional.of(HealthCheck.State.UP), Optional.of(HealthCheck.State.DOWN),
                                Optional.of(HealthCheck.State.UP));
            } finally {
                // stop receiving before the proxy and the client go away
                context.stop();
            }
        }
    }

    /**
     * ElasticMQ is stopped mid-run and started again on the same port. It keeps messages in memory, so those it
     * still held are gone with it (the server's loss, not the consumer's). What the consumer must not lose is every
     * message SQS had handed to it before the restart (noted by its client, not by the route), and every message sent
     * after the restart: each is completed, or still in the queue.
     */
    @Test
    void elasticMqRestartOnTheSamePortIsSurvived() throws Exception {
        String queue = AdaptiveSqsConsumerContract.uniqueQueueName("restart");
        Map<QueueAttributeName, String> attributes = Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "5");
        try (RestartableElasticMq restarting = RestartableElasticMq.start(); CapturedLog log = CapturedLog.capture()) {
            try {
                String url = restarting.createQueue(queue, attributes);
                ReceiveRecordingSqsClient consumerClient = new ReceiveRecordingSqsClient(restarting.client());
                context.getRegistry().bind("restarting", consumerClient);
                AdaptiveSqsConsumer consumer = addRoute("restart", queue, "restarting");
                List<Optional<HealthCheck.State>> readiness = new ArrayList<>();
                List<String> before = restarting.sendNumbered(url, "before", 2000);
                await().atMost(Duration.ofSeconds(60)).until(() -> ledger.completedCount() >= 100);
                awaitReceivesFailing(consumer, false, readiness);

                restarting.stop();
                awaitReceivesFailing(consumer, true, readiness);
                // no receive succeeds any more: this is everything SQS handed to the consumer before the restart
                List<String> handedOut = before.stream().filter(consumerClient.received()::contains).toList();

                restarting.restart();
                // ElasticMQ keeps queues in memory: the restarted server has to be given the queue again
                assertThat(restarting.createQueue(queue, attributes)).isEqualTo(url);
                awaitReceivesFailing(consumer, false, readiness);
                List<String> after = restarting.sendNumbered(url, "after", 100);

                boolean settled = settles(consumer, restarting, url);
                // the queue before the restart is gone: a message handed out then is completed, or lost
                List<String> lostBefore = notCompleted(handedOut);
                List<String> notCompletedAfter = notCompleted(after);
                int inQueue = stillInQueue(restarting, url);
                int lost = lostBefore.size() + Math.max(0, notCompletedAfter.size() - inQueue);
                List<String> accountable = new ArrayList<>(handedOut);
                accountable.addAll(after);
                MessageLedger.Tally tally = ledger.tally(accountable, List.of()).report(String.format(
                        "2b ElasticMQ restart on the same port (%d sent before it, %d of them handed to the consumer "
                        + "before it; the other %d went down with ElasticMQ's memory; 100 sent after it)",
                        before.size(), handedOut.size(), before.size() - handedOut.size()));

                assertThat(lost).as("lost: of %d handed to the consumer before the restart %d not completed %s; of "
                        + "%d sent after it %d not completed %s and %d still in the queue", handedOut.size(),
                        lostBefore.size(), sample(lostBefore), after.size(), notCompletedAfter.size(),
                        sample(notCompletedAfter), inQueue).isZero();
                assertThat(tally.lost()).isZero();
                assertThat(settled).as("settled: nothing in the route, the buffer, limbo or the queue").isTrue();
                assertThat(handedOut).as("handed to the consumer before the restart").hasSizeGreaterThan(100);
                assertThat(after).allSatisfy(id -> assertThat(ledger.completions(id)).isEqualTo(1));
                await().atMost(Duration.ofSeconds(30)).until(() -> !log.find(Level.INFO, RECEIVE_RECOVERED).isEmpty());
                assertThat(log.find(Level.WARN, RECEIVE_FAILED)).hasSize(1);
                assertThat(log.find(Level.INFO, RECEIVE_RECOVERED)).hasSize(1);
                assertThat(readiness).as("readiness before, during and after the restart")
                        .containsExactly(Optional.of(HealthCheck.State.UP), Optional.of(HealthCheck.State.DOWN),
                                Optional.of(HealthCheck.State.UP));
            } finally {
                // stop receiving before the server goes away for good
                context.stop();
            }
        }
    }
}
