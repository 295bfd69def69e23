package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The threads an adaptive-sqs consumer starts all carry "AdaptiveSqs" in their names (pollers, consumers,
 * acknowledger, delete senders, supervisor), followed by the queue in brackets: "AdaptiveSqsPoller[orders]".
 */
final class AdaptiveSqsThreads {

    private AdaptiveSqsThreads() {
    }

    /** Every adaptive-sqs thread alive now. */
    static List<String> alive() {
        return alive(name -> true);
    }

    /** The adaptive-sqs threads alive now that serve {@code queue} (a name or URL, as configured). */
    static List<String> alive(String queue) {
        return alive(name -> name.contains("[" + queue + "]"));
    }

    private static List<String> alive(Predicate<String> filter) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.contains("AdaptiveSqs"))
                .filter(filter)
                .sorted()
                .toList();
    }

    /** Waits until no adaptive-sqs thread is left; fails naming the ones that are. */
    static void awaitNoneLeft() {
        await("adaptive-sqs threads to end").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(alive()).as("adaptive-sqs threads still running").isEmpty());
    }

    /**
     * Waits until no adaptive-sqs thread serving {@code queue} is left. Tests that share a JVM check their own
     * queues, so that a thread another test leaked (a bug of its own) does not fail them too.
     */
    static void awaitNoneLeft(String queue) {
        await("adaptive-sqs threads of " + queue + " to end").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(alive(queue)).as("adaptive-sqs threads still running").isEmpty());
    }
}
