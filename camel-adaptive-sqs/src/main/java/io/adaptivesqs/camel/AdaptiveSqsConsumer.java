package io.adaptivesqs.camel;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.ShutdownRunningTask;
import org.apache.camel.Suspendable;
import org.apache.camel.api.management.ManagedAttribute;
import org.apache.camel.api.management.ManagedResource;
import org.apache.camel.component.aws2.sqs.Sqs2Constants;
import org.apache.camel.component.aws2.sqs.Sqs2HeaderFilterStrategy;
import org.apache.camel.component.aws2.sqs.Sqs2MessageHelper;
import org.apache.camel.spi.ExecutorServiceManager;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.ShutdownAware;
import org.apache.camel.spi.Synchronization;
import org.apache.camel.spi.ThreadPoolProfile;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Wires the pipeline and runs its lifecycle. Data flows poller -> buffer -> dispatcher -> route -> acknowledger;
 * the visibility keeper holds every message in between, and the supervisor sizes the pollers from the metrics.
 * <p>
 * On stop or suspend, receiving stops at once and buffered messages go back to SQS (visibility 0); exchanges in the
 * route finish, and their deletes are flushed before the consumer reports stopped.
 */
@ManagedResource(description = "Managed adaptive-sqs consumer")
public class AdaptiveSqsConsumer extends DefaultConsumer implements ShutdownAware, Suspendable {

    private static final Logger LOG = LoggerFactory.getLogger(AdaptiveSqsConsumer.class);

    private final AdaptiveSqsConfiguration configuration;
    private final HeaderFilterStrategy headerFilterStrategy = new Sqs2HeaderFilterStrategy();
    private final PipelineMetrics metrics = new PipelineMetrics();
    private final ReceiveHealth receiveHealth;

    private BlockingQueue<Message> buffer;
    private VisibilityKeeper keeper;
    private Acknowledger acknowledger;
    private Dispatcher dispatcher;
    private PollerPool pollers;
    private Supervisor supervisor;

    private ExecutorService pollerThreads;
    private ExecutorService consumerThreads;
    private ExecutorService acknowledgerThread;
    private ExecutorService deleteThreads;
    private ScheduledExecutorService scheduler;
    private ScheduledFuture<?> supervising;
    private ScheduledFuture<?> extending;
    private volatile boolean receiving;
    private volatile boolean forcedShutdown;

    public AdaptiveSqsConsumer(AdaptiveSqsEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.configuration = endpoint.getConfiguration();
        this.receiveHealth = new ReceiveHealth(URISupport.sanitizeUri(endpoint.getEndpointUri()));
        if (((AdaptiveSqsComponent) endpoint.getComponent()).isHealthCheckConsumerEnabled()) {
            // Camel's consumers health-check repository calls it as the readiness check "consumer:<routeId>"
            setHealthCheck(new AdaptiveSqsHealthCheck(this));
        }
    }

    @Override
    public AdaptiveSqsEndpoint getEndpoint() {
        return (AdaptiveSqsEndpoint) super.getEndpoint();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        AdaptiveSqsEndpoint endpoint = getEndpoint();
        String name = endpoint.getConfiguration().getQueueNameOrUrl();
        ExecutorServiceManager threads = endpoint.getCamelContext().getExecutorServiceManager();
        SqsQueue queue = new SqsQueue(endpoint.getClient(), endpoint.getQueueUrl(), configuration,
                endpoint.getVisibilityTimeout());

        buffer = new ArrayBlockingQueue<>(configuration.getQueueSize());
        keeper = new VisibilityKeeper(queue, metrics, endpoint.getVisibilityTimeout());
        deleteThreads = threads.newThreadPool(this, "AdaptiveSqsDelete[" + name + "]", deleteProfile());
        acknowledger = new Acknowledger(queue, keeper, metrics, configuration.getDeleteBatchDelay(),
                endpoint.getVisibilityTimeout(), deleteThreads);
        acknowledgerThread = threads.newSingleThreadExecutor(this, "AdaptiveSqsAcknowledger[" + name + "]");
        acknowledgerThread.execute(acknowledger);

        dispatcher = new Dispatcher(this, buffer, metrics, configuration.getConcurrentConsumers());
        consumerThreads = threads.newFixedThreadPool(this, "AdaptiveSqsConsumer[" + name + "]",
                configuration.getConcurrentConsumers());
        for (int i = 0; i < configuration.getConcurrentConsumers(); i++) {
            consumerThreads.execute(dispatcher);
        }

        pollerThreads = threads.newCachedThreadPool(this, "AdaptiveSqsPoller[" + name + "]");
        HandoverTurns handoverTurns = new HandoverTurns();
        pollers = new PollerPool(id -> new Poller(id, queue, buffer, handoverTurns, keeper, metrics, receiveHealth,
                configuration.getMaxBackoff(), configuration.getMaxMessagesPerPoll()), pollerThreads);
        ScalingPolicy policy = ScalingPolicy.builder()
                .minPollers(configuration.getMinPollers())
                .maxPollers(configuration.getMaxPollers())
                .scaleDownTicks(configuration.getScaleDownTicks())
                .build();
        supervisor = new Supervisor(name, policy, metrics, pollers, buffer::size,
                configuration.getConcurrentConsumers(), configuration.getMaxMessagesPerPoll());
        scheduler = threads.newScheduledThreadPool(this, "AdaptiveSqsSupervisor[" + name + "]", 2);
        if (configuration.isExtendMessageVisibility()) {
            long period = keeper.extensionPeriodMillis();
            extending = scheduler.scheduleWithFixedDelay(this::extendVisibility, period, period,
                    TimeUnit.MILLISECONDS);
        }
        startReceiving();
    }

    private ThreadPoolProfile deleteProfile() {
        ThreadPoolProfile profile = new ThreadPoolProfile("AdaptiveSqsDelete");
        profile.setPoolSize(1);
        profile.setMaxPoolSize(Math.max(2, configuration.getMaxPollers()));
        // no queue: when every sender is busy, the batching thread sends itself, which slows batching down
        profile.setMaxQueueSize(0);
        profile.setRejectedPolicy(org.apache.camel.util.concurrent.ThreadPoolRejectedPolicy.CallerRuns);
        return profile;
    }

    private synchronized void startReceiving() {
        if (receiving) {
            return;
        }
        receiving = true;
        dispatcher.resume();
        pollers.reopen();
        pollers.resize(configuration.getMinPollers());
        long interval = configuration.getSupervisorInterval();
        supervising = scheduler.scheduleAtFixedRate(supervisor, interval, interval, TimeUnit.MILLISECONDS);
        LOG.info("Consuming {} with {} to {} pollers, {} consumers, buffer of {}", getEndpoint().getQueueUrl(),
                configuration.getMinPollers(), configuration.getMaxPollers(),
                configuration.getConcurrentConsumers(), configuration.getQueueSize());
    }

    /**
     * Stops receiving: pollers are told to stop, and everything in the buffer goes back to SQS at once. Pollers
     * still in a receive hand back what it returns; {@link #awaitPollers()} waits for them.
     */
    private synchronized void stopReceiving() {
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
     * a stop does not wait for those: a poller whose receive returns after the stop hands back what it got.
     */
    private boolean awaitPollers() {
        long timeout = Math.min(TimeUnit.SECONDS.toMillis(configuration.getWaitTimeSeconds()) + 500, 2000);
        boolean interrupted = false;
        try {
            if (!pollers.stopAll(timeout)) {
                LOG.debug("Pollers of {} still in a long poll after {} ms; they hand back whatever it returns",
                        getEndpoint().getQueueUrl(), timeout);
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
            LOG.info("Handing {} buffered messages back to {}", held.size(), getEndpoint().getQueueUrl());
            keeper.release(held);
        }
    }

    @Override
    protected void doStop() throws Exception {
        // Camel calls this on the thread it has just interrupted when a graceful shutdown timed out: the stop must
        // still end every thread and flush the deletes, so waits below give up on interruption instead of throwing
        boolean interrupted = Thread.interrupted();
        try {
            stopReceiving();
            if (!forcedShutdown) {
                interrupted |= awaitInflight(
                        TimeUnit.SECONDS.toMillis(getEndpoint().getCamelContext().getShutdownStrategy().getTimeout()));
            }
            dispatcher.stop();
            interrupted |= awaitPollers();
        } finally {
            dispatcher.stop();
            acknowledger.drainAndStop();
            ExecutorServiceManager threads = getEndpoint().getCamelContext().getExecutorServiceManager();
            threads.shutdownGraceful(acknowledgerThread);
            threads.shutdownGraceful(deleteThreads);
            threads.shutdown(consumerThreads);
            threads.shutdown(pollerThreads);
            threads.shutdownNow(scheduler);
            forcedShutdown = false;
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Stopped consuming {}: {}", getEndpoint().getQueueUrl(), status());
        super.doStop();
    }

    /** Waits for the route to finish the exchanges in flight; returns true if interrupted meanwhile. */
    private boolean awaitInflight(long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        try {
            while (metrics.inflight() > 0 && System.nanoTime() < deadline) {
                TimeUnit.MILLISECONDS.sleep(10);
            }
        } catch (InterruptedException e) {
            return true;
        } finally {
            if (metrics.inflight() > 0) {
                LOG.warn("{} exchanges still in flight on {}; their messages will be delivered again",
                        metrics.inflight(), getEndpoint().getQueueUrl());
            }
        }
        return false;
    }

    @Override
    protected void doSuspend() throws Exception {
        stopReceiving();
        if (awaitPollers()) {
            Thread.currentThread().interrupt();
        }
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        super.doResume();
        startReceiving();
    }

    // ShutdownAware: stop taking messages at once, then let Camel wait for the exchanges already in the route.

    @Override
    public boolean deferShutdown(ShutdownRunningTask shutdownRunningTask) {
        stopReceiving();
        return true;
    }

    @Override
    public int getPendingExchangesSize() {
        return metrics.inflight() + (buffer == null ? 0 : buffer.size());
    }

    @Override
    public void prepareShutdown(boolean suspendOnly, boolean forced) {
        // forced: Camel's shutdown timeout ran out; the exchanges still in flight will not be waited for again
        forcedShutdown |= forced;
        stopReceiving();
    }

    private void extendVisibility() {
        try {
            keeper.extendDue();
        } catch (RuntimeException e) {
            LOG.warn("Visibility extension for {} failed; will retry", getEndpoint().getQueueUrl(), e);
        }
    }

    Exchange createExchange(Message message) {
        Exchange exchange = createExchange(true);
        exchange.setPattern(getEndpoint().getExchangePattern());
        org.apache.camel.Message in = exchange.getIn();
        in.setBody(message.body());
        in.setHeaders(new HashMap<>(message.attributesAsStrings()));
        in.setHeader(Sqs2Constants.MESSAGE_ID, message.messageId());
        in.setHeader(Sqs2Constants.MD5_OF_BODY, message.md5OfBody());
        in.setHeader(Sqs2Constants.RECEIPT_HANDLE, message.receiptHandle());
        in.setHeader(Sqs2Constants.ATTRIBUTES, message.attributes());
        in.setHeader(Sqs2Constants.MESSAGE_ATTRIBUTES, message.messageAttributes());
        for (Map.Entry<String, MessageAttributeValue> attribute : message.messageAttributes().entrySet()) {
            Object value = Sqs2MessageHelper.fromMessageAttributeValue(attribute.getValue());
            if (!headerFilterStrategy.applyFilterToExternalHeaders(attribute.getKey(), value, exchange)) {
                in.setHeader(attribute.getKey(), value);
            }
        }
        String receiptHandle = message.receiptHandle();
        exchange.getExchangeExtension().addOnCompletion(new Synchronization() {
            @Override
            public void onComplete(Exchange done) {
                if (configuration.isDeleteAfterRead()) {
                    acknowledger.delete(receiptHandle);
                } else {
                    keeper.forget(receiptHandle);
                }
            }

            @Override
            public void onFailure(Exchange failed) {
                // not deleted: SQS delivers it again once its visibility timeout runs out
                keeper.forget(receiptHandle);
            }
        });
        return exchange;
    }

    /** The signals behind the supervisor's last decision; null before the first tick. */
    Signals lastSignals() {
        return supervisor == null ? null : supervisor.lastSignals();
    }

    ReceiveHealth receiveHealth() {
        return receiveHealth;
    }

    /** A point-in-time view of this consumer; see {@link ConsumerStatus}. */
    public ConsumerStatus status() {
        PipelineMetrics.Snapshot totals = metrics.snapshot();
        return new ConsumerStatus(configuration.getQueueNameOrUrl(), getActivePollers(), getTargetPollers(),
                getBufferDepth(), getInflight(), getLimbo(), totals.received(), totals.completed(), totals.failed(),
                totals.deleted(), totals.released(), totals.receiveCalls(), totals.emptyReceives(),
                totals.receiveErrors(), getServiceTimeMillis(), getReceiveRttMillis(), getLastDecision());
    }

    @ManagedAttribute(description = "Polling loops running now")
    public int getActivePollers() {
        return pollers == null ? 0 : pollers.active();
    }

    @ManagedAttribute(description = "Polling loops the supervisor asked for")
    public int getTargetPollers() {
        return pollers == null ? 0 : pollers.target();
    }

    @ManagedAttribute(description = "Messages waiting in the buffer")
    public int getBufferDepth() {
        return buffer == null ? 0 : buffer.size();
    }

    @ManagedAttribute(description = "Exchanges in the route now")
    public int getInflight() {
        return metrics.inflight();
    }

    @ManagedAttribute(description = "Messages received and neither deleted nor handed back")
    public int getLimbo() {
        return keeper == null ? 0 : keeper.held();
    }

    @ManagedAttribute(description = "Smoothed time one exchange spends in the route (ms)")
    public double getServiceTimeMillis() {
        return supervisor == null ? Double.NaN : supervisor.serviceTimeMillis();
    }

    @ManagedAttribute(description = "Smoothed round trip of a ReceiveMessage call that returned messages (ms)")
    public double getReceiveRttMillis() {
        return supervisor == null ? Double.NaN : supervisor.receiveRttMillis();
    }

    @ManagedAttribute(description = "Messages per second the consumers could take: concurrentConsumers / service time")
    public double getPotentialConsumptionRate() {
        return configuration.getConcurrentConsumers() * 1000.0 / getServiceTimeMillis();
    }

    @ManagedAttribute(description = "Messages per second one poller supplies with full batches")
    public double getSupplyPerPoller() {
        return configuration.getMaxMessagesPerPoll() * 1000.0 / getReceiveRttMillis();
    }

    @ManagedAttribute(description = "Messages received since start")
    public long getReceivedCount() {
        return metrics.snapshot().received();
    }

    @ManagedAttribute(description = "Exchanges completed since start")
    public long getCompletedCount() {
        return metrics.snapshot().completed();
    }

    @ManagedAttribute(description = "The supervisor's last decision and its reason")
    public String getLastDecision() {
        return supervisor == null ? "" : supervisor.lastReason();
    }
}
