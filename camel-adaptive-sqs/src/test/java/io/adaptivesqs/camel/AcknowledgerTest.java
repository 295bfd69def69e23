package io.adaptivesqs.camel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.SqsException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The acknowledger against a scripted client: what it retries, what it gives up at once, and that nothing the client
 * throws ends it.
 */
class AcknowledgerTest {

    private static final int VISIBILITY_TIMEOUT = 3600;

    private final ScriptedSqsClient client = new ScriptedSqsClient();
    private final PipelineMetrics metrics = new PipelineMetrics();
    // like the pipeline's delete pool: no queue, and the batching thread sends itself when every sender is busy
    private final ExecutorService senders = new ThreadPoolExecutor(1, 2, 60, TimeUnit.SECONDS,
            new SynchronousQueue<>(), new ThreadPoolExecutor.CallerRunsPolicy());
    private final SqsQueue queue = new SqsQueue(client, "http://sqs/000000000000/q", new AdaptiveSqsConfiguration(),
            VISIBILITY_TIMEOUT, false);
    private final VisibilityKeeper keeper = new VisibilityKeeper(queue, metrics, VISIBILITY_TIMEOUT, senders);
    private final Acknowledger acknowledger = new Acknowledger(queue, keeper, metrics, 5, VISIBILITY_TIMEOUT, senders);
    private final Thread batching = new Thread(acknowledger, "acknowledger");
    // a batch delay far longer than any wait here: only a full or urgent batch, or a stop, makes a batch leave
    private final Acknowledger patient = new Acknowledger(queue, keeper, metrics, 600_000, VISIBILITY_TIMEOUT, senders);
    private final Thread patientBatching = new Thread(patient, "patient acknowledger");

    @AfterEach
    void stop() throws InterruptedException {
        acknowledger.drainAndStop();
        batching.join(10_000);
        patient.drainAndStop();
        patientBatching.join(10_000);
        senders.shutdownNow();
    }

    private List<String> completed(int count) {
        List<Message> messages = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            messages.add(Message.builder().receiptHandle("h" + i).build());
        }
        keeper.hold(messages, System.nanoTime());
        return messages.stream().map(Message::receiptHandle).toList();
    }

    private static SqsException sqsError(int status, String code) {
        return (SqsException) SqsException.builder().statusCode(status).message(code)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(code).build()).build();
    }

    @Test
    void aDeleteSqsRefusesForGoodIsNotRetriedAndLogsOnce() {
        List<String> handles = completed(30);
        client.onDelete = request -> {
            throw sqsError(403, "AccessDenied");
        };

        try (CapturedLog log = CapturedLog.capture()) {
            batching.start();
            handles.forEach(acknowledger::delete);

            // let go at once, not held (and extended) for half a visibility timeout
            await().atMost(Duration.ofSeconds(10)).until(() -> keeper.held() == 0);
            assertThat(log.find(Level.WARN, "AccessDenied")).hasSize(1);
        }
        assertThat(client.deleteCalls.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(handles);
        assertThat(acknowledger.isFailing()).isTrue();
        assertThat(metrics.snapshot().deleted()).isZero();
    }

    @Test
    void aTransientFailureIsRetried() {
        List<String> handles = completed(5);
        client.onDelete = request -> {
            if (client.deleteCalls.size() <= 2) {
                throw sqsError(503, "ServiceUnavailable");
            }
            return DeleteMessageBatchResponse.builder().build();
        };

        batching.start();
        handles.forEach(acknowledger::delete);

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.snapshot().deleted() == 5);
        assertThat(keeper.held()).isZero();
        assertThat(client.deleteCalls).hasSize(3);
        assertThat(acknowledger.isFailing()).isFalse();
    }

    /**
     * With every sender busy the batching thread sends a batch itself; an unexpected exception there must not end
     * it, or nothing would be deleted any more.
     */
    @Test
    void anUnexpectedExceptionOnTheBatchingThreadDoesNotEndIt() {
        List<String> first = completed(30);
        client.onDelete = request -> {
            if (client.deleteCalls.size() <= 3) {
                sleep(300); // keeps both senders busy, so the third batch runs on the batching thread
                throw new IllegalStateException("Connection pool shut down");
            }
            return DeleteMessageBatchResponse.builder().build();
        };

        batching.start();
        first.forEach(acknowledger::delete);
        await().atMost(Duration.ofSeconds(10)).until(() -> client.deleteCalls.size() >= 3);
        await().atMost(Duration.ofSeconds(10)).until(() -> keeper.held() == 0);
        List<String> later = completed(10);
        later.forEach(acknowledger::delete);

        await().atMost(Duration.ofSeconds(10)).until(() -> metrics.snapshot().deleted() >= 10);
        assertThat(batching.isAlive()).isTrue();
        assertThat(keeper.held()).isZero();
    }

    @Test
    void anUrgentDeleteLeavesAtOnceWithWhatIsPending() throws InterruptedException {
        List<String> handles = completed(3);
        patientBatching.start();

        patient.delete(handles.get(0));
        patient.delete(handles.get(1));
        patient.delete(handles.get(2), true);

        await().atMost(Duration.ofSeconds(10)).until(() -> keeper.held() == 0);
        assertThat(client.deleteCalls).containsExactly(handles);
    }

    @Test
    void aFullBatchLeavesWithoutWaitingForItsDelay() throws InterruptedException {
        List<String> handles = completed(10);
        patientBatching.start();

        handles.forEach(patient::delete);

        await().atMost(Duration.ofSeconds(10)).until(() -> keeper.held() == 0);
        assertThat(client.deleteCalls).containsExactly(handles);
    }

    @Test
    void aStopSendsWhatIsPendingWithoutWaitingForTheBatchDelay() throws InterruptedException {
        List<String> handles = completed(3);
        patientBatching.start();
        handles.forEach(patient::delete);
        await().atMost(Duration.ofSeconds(10)).until(() -> patient.pending() < handles.size());

        patient.drainAndStop();
        patientBatching.join(10_000);

        assertThat(patientBatching.isAlive()).isFalse();
        await().atMost(Duration.ofSeconds(10)).until(() -> keeper.held() == 0);
        assertThat(client.deleteCalls).containsExactly(handles);
    }

    @Test
    void pendingDeletesAreBounded() {
        // the batching thread is not started: nothing leaves, as when every delete hangs
        List<String> handles = completed(Acknowledger.MAX_PENDING + 5);

        handles.forEach(acknowledger::delete);

        assertThat(acknowledger.pending()).isEqualTo(Acknowledger.MAX_PENDING);
        assertThat(keeper.held()).isEqualTo(Acknowledger.MAX_PENDING);
        batching.start();
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
