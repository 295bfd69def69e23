package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Starting and stopping a route many times leaks no thread: each cycle starts pollers, consumers, the acknowledger,
 * delete senders and the supervisor, moves messages, and stops; afterwards the JVM runs the threads it ran before.
 * Half the cycles also remove and re-add the route, so the endpoint builds and closes its own SQS client each time.
 */
class StartStopCyclesIT extends CamelTestSupport {

    private static final int STOP_START_CYCLES = 50;
    private static final int REMOVE_ADD_CYCLES = 25;
    private static final int MESSAGES_PER_CYCLE = 10;

    @RegisterExtension
    static final ElasticMqFixture sqs = new ElasticMqFixture();

    private final MessageLedger ledger = new MessageLedger();

    private RouteBuilder route(String queue, String routeId) {
        String uri = "adaptive-sqs:" + queue + "?" + sqs.endpointOptions()
                     + "&concurrentConsumers=4&minPollers=2&maxPollers=4&waitTimeSeconds=0&supervisorInterval=50";
        return new RouteBuilder() {
            @Override
            public void configure() {
                from(uri).routeId(routeId)
                        .process(e -> ledger.attempted(e.getIn().getBody(String.class)))
                        .process(e -> ledger.completed(e.getIn().getBody(String.class)));
            }
        };
    }

    /** Sends a batch and waits until the route has completed it. */
    private List<String> moveMessages(String url, String prefix) {
        NotifyBuilder done = new NotifyBuilder(context).whenCompleted(MESSAGES_PER_CYCLE).create();
        List<String> sent = sqs.server().sendNumbered(url, prefix, MESSAGES_PER_CYCLE);
        assertThat(done.matches(30, TimeUnit.SECONDS)).as("%s completed", prefix).isTrue();
        return sent;
    }

    @Test
    void repeatedStartStopCyclesLeakNoThreads() throws Exception {
        ElasticMqFixture.Queue created = sqs.createQueue("cycles", 30);
        String queue = created.name();
        String url = created.url();
        List<String> sent = new ArrayList<>();

        // a first cycle starts what lives as long as the JVM or the context (SDK and Camel shared threads)
        context.addRoutes(route(queue, "cycled"));
        sent.addAll(moveMessages(url, "warm-up"));
        context.getRouteController().stopRoute("cycled");
        AdaptiveSqsThreads.awaitNoneLeft();
        Map<String, Integer> baseline = threadsByKind();

        for (int cycle = 0; cycle < STOP_START_CYCLES; cycle++) {
            context.getRouteController().startRoute("cycled");
            sent.addAll(moveMessages(url, "stop-start-" + cycle));
            context.getRouteController().stopRoute("cycled");
        }
        context.removeRoute("cycled");
        for (int cycle = 0; cycle < REMOVE_ADD_CYCLES; cycle++) {
            context.addRoutes(route(queue, "added-" + cycle));
            sent.addAll(moveMessages(url, "remove-add-" + cycle));
            context.getRouteController().stopRoute("added-" + cycle);
            context.removeRoute("added-" + cycle);
        }

        AdaptiveSqsThreads.awaitNoneLeft();
        await("threads back to the baseline").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(grown(baseline, threadsByKind()))
                        .as("kinds of thread that grew over %d cycles (baseline %s)",
                                STOP_START_CYCLES + REMOVE_ADD_CYCLES, baseline)
                        .isEmpty());
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(sqs.server().visibleAndInFlight(url)).containsExactly(0, 0));
        MessageLedger.Tally tally = ledger.tally(sent, List.of())
                .report((STOP_START_CYCLES + REMOVE_ADD_CYCLES) + " start/stop cycles");
        assertThat(tally.lost()).isZero();
        assertThat(tally.duplicates()).isZero();
    }

    /**
     * Live threads counted by name with the numbers taken out: "Camel (camel-1) thread #12 - X" counts as a kind.
     * Awaitility's own polling thread is the test's, and the embedded server's pools (elasticmq-*) grow with its own
     * load: neither is the component's.
     */
    private static Map<String, Integer> threadsByKind() {
        Map<String, Integer> kinds = new TreeMap<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            String name = thread.getName();
            if (thread.isAlive() && !name.startsWith("awaitility") && !name.startsWith("elasticmq-")) {
                kinds.merge(name.replaceAll("\\d+", "#"), 1, Integer::sum);
            }
        }
        return kinds;
    }

    /** Kinds of thread with more live threads now than at the baseline, with both counts. */
    private static Map<String, String> grown(Map<String, Integer> baseline, Map<String, Integer> now) {
        Map<String, String> grown = new TreeMap<>();
        now.forEach((kind, count) -> {
            int before = baseline.getOrDefault(kind, 0);
            if (count > before) {
                grown.put(kind, before + " -> " + count);
            }
        });
        return grown;
    }
}
