package io.adaptivesqs.runner;

import static io.adaptivesqs.runner.RunnerHarness.write;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.adaptivesqs.runner.RunnerHarness.Result;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner as a user runs it: a routes folder, a properties file, {@code --embedded-sqs}. A producer route sends
 * 30 messages through {@code aws2-sqs:}, the {@code adaptive-sqs:} route writes each to a file, two poison messages
 * fail until the redrive policy from the properties moves them to the dead-letter queue, where an
 * {@code aws2-sqs:} consumer picks them up. camel-main stops the run once nothing happened for 5 seconds
 * ({@code camel.main.durationMaxIdleSeconds}), and {@code --duration} bounds it.
 */
class EndToEndIT {

    private static final int MESSAGES = 30;

    @TempDir
    static Path temp;
    static Path processed;
    static Path deadLetters;
    static Result result;

    @BeforeAll
    static void runTheRoutes() {
        processed = temp.resolve("processed");
        deadLetters = temp.resolve("dead-letters");
        Path routes = temp.resolve("routes");
        write(routes.resolve("producer.yaml"), """
                - route:
                    id: producer
                    from:
                      uri: timer:feed
                      parameters:
                        repeatCount: %d
                        period: 10
                        includeMetadata: true
                      steps:
                        - setBody:
                            simple: "message ${exchangeProperty.CamelTimerCounter}"
                        - choice:
                            when:
                              - simple: "${exchangeProperty.CamelTimerCounter} in '7,19'"
                                steps:
                                  - setBody:
                                      simple: "poison ${exchangeProperty.CamelTimerCounter}"
                        - to: "aws2-sqs:{{queue}}"
                """.formatted(MESSAGES));
        write(routes.resolve("consumers/worker.yml"), """
                - route:
                    id: worker
                    from:
                      uri: "adaptive-sqs:{{queue}}"
                      parameters:
                        maxPollers: 4
                        concurrentConsumers: 4
                        waitTimeSeconds: 1
                        visibilityTimeout: 1
                        extendMessageVisibility: false
                      steps:
                        - filter:
                            simple: "${body} startsWith 'poison'"
                            steps:
                              - throwException:
                                  exceptionType: java.lang.IllegalStateException
                                  message: "cannot digest ${body}"
                        - to: "file:{{processed.dir}}?fileName=${body}.txt"
                - route:
                    id: dead-letters
                    from:
                      uri: aws2-sqs:orders-dlq
                      parameters:
                        waitTimeSeconds: 1
                      steps:
                        - to: "file:{{dead-letters.dir}}?fileName=${body}.txt"
                """);
        Path properties = write(temp.resolve("application.properties"), """
                queue = orders
                processed.dir = %s
                dead-letters.dir = %s
                embedded-sqs.orders.dead-letter-queue = orders-dlq
                embedded-sqs.orders.max-receive-count = 2
                camel.main.durationMaxIdleSeconds = 5
                """.formatted(processed, deadLetters));

        result = RunnerHarness.run("--routes", routes.toString(), "--properties", properties.toString(),
                "--embedded-sqs", "--duration", "90s", "--status-interval", "1s");
    }

    @Test
    void exitsZeroWithoutErrors() {
        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.err()).isEmpty();
    }

    @Test
    void everyGoodMessageWentThroughTheAdaptiveRoute() {
        List<String> expected = Stream.iterate(1, i -> i + 1).limit(MESSAGES)
                .filter(i -> i != 7 && i != 19)
                .map(i -> "message " + i + ".txt")
                .toList();
        assertThat(fileNames(processed)).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void poisonMessagesEndedInTheDeadLetterQueue() {
        assertThat(fileNames(deadLetters)).containsExactlyInAnyOrder("poison 7.txt", "poison 19.txt");
    }

    @Test
    void statusLinesReportTheAdaptiveConsumer() {
        assertThat(result.out().lines().filter(line -> line.contains(" STATUS worker: orders pollers ")))
                .isNotEmpty()
                .anyMatch(line -> line.matches(".* completed [1-9][0-9.]* msg/s.*"));
    }

    private static List<String> fileNames(Path folder) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).toList();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
