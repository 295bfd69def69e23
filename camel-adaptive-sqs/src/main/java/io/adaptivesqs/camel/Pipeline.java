package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * The parts of one consumer and their threads, wired as the data flows: pollers -> buffer -> dispatcher -> route
 * -> acknowledger, with the visibility keeper holding every message in between and the supervisor sizing the
 * pollers beside them. The consumer drives it through Camel's lifecycle. On a FIFO queue the buffer is
 * {@link MessageGroups}, which keeps each message group in order.
 */
final class Pipeline {

    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final AdaptiveSqsConfiguration configuration;
    private final PipelineMetrics metrics;
    private final String queueUrl;
    private final ExecutorServiceManager threads;

    private final TimedBlockingQueue<Message> buffer;
    private final MessageGroups groups; // FIFO queues only
    private final VisibilityKeeper keeper;
    private final Acknowledger acknowledger;
    private final Dispatcher dispatcher;
    private final PollerPool pollers;
    private final Supervisor supervisor;

    private final ExecutorService deleteThreads;
    private final ExecutorService acknowledgerThread;
    private final ExecutorService consumerThreads;
    private final ExecutorService pollerThreads;
    private final ScheduledExecutorService scheduler;
    private ScheduledFuture<?> supervising;
    private boolean receiving;

    Pipeline(AdaptiveSqsConsumer consumer, PipelineMetrics metrics, ReceiveHealth receiveHealth) {
        AdaptiveSqsEndpoint endpoint = consumer.getEndpoint();
        this.configuration = endpoint.getConfiguration();
        this.metrics = metrics;
        this.queueUrl = endpoint.getQueueUrl();
        this.threads = endpoint.getCamelContext().getExecutorServiceManager();
        String name = configuration.getQueueNameOrUrl();
        SqsQueue queue = new SqsQueue(endpoint.getClient(), queueUrl, configuration, endpoint.getVisibilityTimeout(),
                endpoint.isFifo());

        // the delete senders also send visibility extensions, batches side by side
        deleteThreads = threads.newThreadPool(consumer, "AdaptiveSqsDelete[" + name + "]", deleteProfile());
        keeper = new VisibilityKeeper(queue, metrics, endpoint.getVisibilityTimeout(), deleteThreads);
        if (endpoint.isFifo()) {
            // a group brings at most one batch at a time: the cap only guards against a server that mixes them up
            int maxHeld = (configuration.getQueueSize() + configuration.getConcurrentConsumers())
                          * configuration.getMaxMessagesPerPoll();
            groups = new MessageGroups(configuration.getQueueSize(), maxHeld, keeper::release);
            queue.onReceived(groups::received);
            buffer = groups;
        } else {
            groups = null;
            buffer = new BatchBuffer<>(configuration.getQueueSize());
        }
        acknowledger = new Acknowledger(queue, keeper, metrics, configuration.getDeleteBatchDelay(),
                endpoint.getVisibilityTimeout(), deleteThreads);
        acknowledgerThread = threads.newSingleThreadExecutor(consumer, "AdaptiveSqsAcknowledger[" + name + "]");
        acknowledgerThread.execute(acknowledger);

        dispatcher = new Dispatcher(consumer, buffer, this::letGo, metrics, configuration.getConcurrentConsumers());
        consumerThreads = threads.newFixedThreadPool(consumer, "AdaptiveSqsConsumer[" + name + "]",
                configuration.getConcurrentConsumers());
        for (int i = 0; i < configuration.getConcurrentConsumers(); i++) {
            consumerThreads.execute(dispatcher);
        }

        pollerThreads = threads.newCachedThreadPool(consumer, "AdaptiveSqsPoller[" + name + "]");
        ReentrantLock handoverTurn = new ReentrantLock(true);
        pollers = new PollerPool(id -> new Poller(id, queue, buffer, handoverTurn, keeper, metrics, receiveHealth,
                configuration.getMaxBackoff()), pollerThreads);
        ScalingPolicy policy = ScalingPolicy.builder()
                .minPollers(configuration.getMinPollers())
                .maxPollers(configuration.getMaxPollers())
                .scaleDownTicks(configuration.getScaleDownTicks())
                .build();
        supervisor = new Supervisor(name, policy, metrics, pollers, buffer::depth,
                groups == null ? () -> 0 : groups::orderBoundNanos,
                groups == null ? () -> -1 : groups::takeGroupsSeen,
                configuration.getConcurrentConsumers(), configuration.getMaxMessagesPerPoll(),
                configuration.getSupervisorInterval());
        scheduler = threads.newScheduledThreadPool(consumer, "AdaptiveSqsSupervisor[" + name + "]", 2);
        if (configuration.isExtendMessageVisibility()) {
            long period = keeper.extensionPeriodMillis();
            scheduler.scheduleWithFixedDelay(this::extendVisibility, period, period, TimeUnit.MILLISECONDS);
        }
        if (configuration.getBacklogCheckInterval() > 0) {
            long interval = configuration.getBacklogCheckInterval();
            BacklogProbe probe = new BacklogProbe(queue, metrics, interval, supervisor::roundOfBatches);
            scheduler.scheduleWithFixedDelay(probe, 0, BacklogProbe.periodMillis(interval), TimeUnit.MILLISECONDS);
        }
    }

    private ThreadPoolProfile deleteProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile("AdaptiveSqsDelete");
        profile.setPoolSize(1);
        profile.setMaxPoolSize(Math.max(2, configuration.getMaxPollers()));
        // no queue: when every sender is busy, the batching thread sends itself, which slows batching down
        profile.setMaxQueueSize(0);
        profile.setRejectedPolicy(ThreadPoolRejectedPolicy.CallerRuns);
        return profile;
    }

    synchronized void startReceiving() {
        if (receiving) {
            return;
        }
        receiving = true;
        dispatcher.resume();
        pollers.reopen();
        pollers.resize(configuration.getMinPollers());
        long period = Supervisor.periodMillis(configuration.getSupervisorInterval());
        supervising = scheduler.scheduleAtFixedRate(supervisor, period, period, TimeUnit.MILLISECONDS);
        LOG.info("Consuming {} with {} to {} pollers, {} consumers, buffer of {}{}", queueUrl,
                configuration.getMinPollers(), configuration.getMaxPollers(),
                configuration.getConcurrentConsumers(), configuration.getQueueSize(),
                groups == null ? "" : " waiting groups (FIFO: one message per group at a time, in order)");
    }

    /**
     * Stops receiving: pollers are told to stop, and everything in the buffer goes back to SQS at once. Pollers
     * still in a receive hand back what it returns; {@link #awaitPollers()} waits for them.
     */
    synchronized void stopReceiving() {
        if (!receiving) {
            return;
        }
        receiving = false;
        if (supervising != null) {
            supervising.cancel(false);
        }
        dispatcher.pause();
        try {
            pollers.stopAll(0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        releaseBuffered();
    }

    /**
     * Receives that return messages return within a round trip; only long polls on an empty queue take longer, and
     * a stop does not wait for those: a poller whose receive returns after the stop hands back what it got. Returns
     * true if interrupted meanwhile.
     */
    boolean awaitPollers() {
        long timeout = Math.min(TimeUnit.SECONDS.toMillis(configuration.getWaitTimeSeconds()) + 500, 2000);
        boolean interrupted = false;
        try {
            if (!pollers.stopAll(timeout)) {
                LOG.debug("Pollers of {} still in a long poll after {} ms; they hand back whatever it returns",
                        queueUrl, timeout);
            }
        } catch (InterruptedException e) {
            interrupted = true;
        }
        // a poller may have completed an offer after the first release
        releaseBuffered();
        return interrupted;
    }

    private void releaseBuffered() {
        List<Message> held = new ArrayList<>();
        buffer.drainTo(held);
        if (!held.isEmpty()) {
            LOG.info("Handing {} buffered messages back to {}", held.size(), queueUrl);
            keeper.release(held);
        }
    }

    /**
     * Waits for the route to finish the exchanges in flight, counting also a message a consumer thread has taken
     * but not yet started: its delete must not come after the acknowledger stopped. Returns true if interrupted.
     */
    boolean awaitInflight(long timeoutMillis) {
        try {
            metrics.awaitQuiet(() -> metrics.inflight() + dispatcher.taking(),
                    TimeUnit.MILLISECONDS.toNanos(timeoutMillis));
        } catch (InterruptedException e) {
            return true;
        } finally {
            if (metrics.inflight() > 0) {
                LOG.warn("{} exchanges still in flight on {}; their messages will be delivered again",
                        metrics.inflight(), queueUrl);
            }
        }
        return false;
    }

    /** Ends every thread: consumers take nothing more, pending deletes are flushed, pollers and supervisor stop. */
    void shutdown() {
        dispatcher.stop();
        acknowledger.drainAndStop();
        threads.shutdownGraceful(acknowledgerThread);
        threads.shutdownGraceful(deleteThreads);
        threads.shutdown(consumerThreads);
        threads.shutdown(pollerThreads);
        threads.shutdownNow(scheduler);
    }

    void stopDispatching() {
        dispatcher.stop();
    }

    /** What happens to a message once its exchange is done: deleted (or just let go), or left for SQS to redeliver. */
    Synchronization settlement(String receiptHandle) {
        return new Synchronization() {
            @Override
            public void onComplete(org.apache.camel.Exchange done) {
                boolean releasesGroup = groupFinished(receiptHandle, true);
                if (configuration.isDeleteAfterRead()) {
                    acknowledger.delete(receiptHandle, releasesGroup);
                } else {
                    keeper.forget(receiptHandle);
                }
            }

            @Override
            public void onFailure(org.apache.camel.Exchange failed) {
                // first: the group's later messages go back before this one can become visible again
                groupFinished(receiptHandle, false);
                // not deleted: SQS delivers it again once its visibility timeout runs out
                keeper.forget(receiptHandle);
            }
        };
    }

    /**
     * A message whose exchange could not be created, or whose processor threw instead of completing it: not deleted,
     * so SQS delivers it again, and on a FIFO queue its group goes back with it.
     */
    private void letGo(String receiptHandle) {
        groupFinished(receiptHandle, false);
        keeper.forget(receiptHandle);
    }

    /**
     * On a FIFO queue, lets the group's next message start, or hands the group back after a failure; true when the
     * message's delete is what lets SQS hand out its group again while consumers wait.
     */
    private boolean groupFinished(String receiptHandle, boolean success) {
        return groups != null && groups.finished(receiptHandle, success);
    }

    private void extendVisibility() {
        try {
            keeper.extendDue();
        } catch (RuntimeException e) {
            LOG.warn("Visibility extension for {} failed; will retry", queueUrl, e);
        }
    }

    /** Why a part of the pipeline other than receiving keeps failing, or null when none does. */
    String failingPart() {
        if (acknowledger.isFailing()) {
            return "deleting messages is failing";
        }
        return keeper.isFailing() ? "changing message visibility is failing" : null;
    }

    int bufferDepth() {
        return buffer.depth();
    }

    int limbo() {
        return keeper.held();
    }

    PollerPool pollers() {
        return pollers;
    }

    Supervisor supervisor() {
        return supervisor;
    }
}
