package io.adaptivesqs.runner;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.adaptivesqs.camel.AdaptiveSqsConsumer;
import io.adaptivesqs.camel.ConsumerStatus;
import org.apache.camel.CamelContext;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prints one status line per adaptive-sqs consumer every interval while the routes run.
 */
final class StatusReporter extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(StatusReporter.class);
    /** Same clock format as the log lines around the status lines. */
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final Duration interval;
    private final PrintWriter out;
    private final Map<AdaptiveSqsConsumer, ConsumerStatus> previous = new HashMap<>();
    private ScheduledExecutorService scheduler;
    private long previousNanos;

    StatusReporter(Duration interval, PrintWriter out) {
        this.interval = interval;
        this.out = out;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        CamelContext context = main.getCamelContext();
        previousNanos = System.nanoTime();
        AdaptiveConsumers.in(context).forEach(watched -> previous.put(watched.consumer(), watched.status()));
        scheduler = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "AdaptiveSqsStatus");
        scheduler.scheduleAtFixedRate(() -> report(context), interval.toMillis(), interval.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        if (scheduler != null) {
            main.getCamelContext().getExecutorServiceManager().shutdownNow(scheduler);
        }
    }

    private void report(CamelContext context) {
        try {
            long now = System.nanoTime();
            Duration elapsed = Duration.ofNanos(now - previousNanos);
            previousNanos = now;
            Map<AdaptiveSqsConsumer, ConsumerStatus> current = new HashMap<>();
            for (AdaptiveConsumers.Watched watched : AdaptiveConsumers.in(context)) {
                ConsumerStatus status = watched.status();
                current.put(watched.consumer(), status);
                out.println(LocalTime.now().format(TIME) + " STATUS " + watched.routeId() + ": "
                            + StatusLine.format(previous.get(watched.consumer()), status, elapsed));
            }
            out.flush();
            previous.clear();
            previous.putAll(current);
        } catch (RuntimeException e) {
            // a status line is not worth stopping the routes for
            LOG.debug("Cannot report status", e);
        }
    }
}
