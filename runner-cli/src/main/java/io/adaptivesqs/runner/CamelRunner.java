package io.adaptivesqs.runner;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.apache.camel.main.Main;
import org.apache.camel.main.SimpleMainShutdownStrategy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hosts the routes with camel-main: the run settings become camel-main properties (as Camel JBang's {@code run}
 * does), the embedded SQS, the metrics and the status lines plug in as beans and listeners, then {@link Main#run()}
 * until stopped.
 */
final class CamelRunner {

    /** The name both adaptive-sqs: and aws2-sqs: know their client option by; they also autowire it by type. */
    static final String SQS_CLIENT_BEAN = "amazonSQSClient";
    private static final Logger LOG = LoggerFactory.getLogger(CamelRunner.class);

    private final RunSettings settings;
    private final PrintWriter out;

    CamelRunner(RunSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
    }

    int run() {
        Main main = new Main();
        // camel-main prints Camel's version after the name: "adaptive-sqs-runner on Apache Camel 4.18.0 is starting"
        main.setAppName("adaptive-sqs-runner on Apache Camel");
        configure(main);
        EmbeddedSqs sqs = settings.embeddedSqs() ? EmbeddedSqs.start(settings.embeddedSqsPort()) : null;
        SqsEndpointAddresses sqsAddresses = new SqsEndpointAddresses();
        main.bind("sqsEndpointAddresses", sqsAddresses);
        try (ShutdownSignals signals = ShutdownSignals.install(main::completed)) {
            if (sqs != null) {
                LOG.info("Embedded SQS listening on {}", sqs.endpoint());
                main.bind(SQS_CLIENT_BEAN, sqs.client());
                main.bind("embeddedSqsQueues", new QueueProvisioner(sqs));
            }
            main.run();
        } catch (Exception e) {
            throw new StartupFailures(main.getCamelContext(), settings.routes(), sqsAddresses).explain(e);
        } finally {
            if (sqs != null) {
                sqs.close();
            }
        }
        return ExitCodes.OK;
    }

    private void configure(Main main) {
        // no JVM shutdown hook: ShutdownSignals stops camel-main, as a stop by signal through a hook exits 130 or 143
        main.setShutdownStrategy(new SimpleMainShutdownStrategy());
        main.addInitialProperty("camel.main.name", "adaptive-sqs-runner");
        // the summary prints every property and placeholder value, masking only those with telling names
        // (secretKey, password...): credentials in placeholders such as {{orders.key}} would be printed
        main.addInitialProperty("camel.main.autoConfigurationLogSummary", "false");
        main.addOverrideProperty("camel.main.routesIncludePattern", settings.routeFiles().stream()
                .map(file -> "file:" + file).collect(Collectors.joining(",")));
        if (settings.propertiesFile() != null) {
            main.setPropertyPlaceholderLocations("file:" + settings.propertiesFile());
        }
        if (settings.duration() != null) {
            long seconds = Math.max(1, (settings.duration().toMillis() + 999) / 1000);
            main.addOverrideProperty("camel.main.durationMaxSeconds", Long.toString(seconds));
        }
        if (settings.reload()) {
            configureReload(main);
        }
        if (settings.httpPort() != null) {
            configureHttp(main, settings.httpPort());
        }
        if (settings.statusLines()) {
            main.addMainListener(new StatusReporter(settings.statusInterval(), out));
        }
    }

    private void configureReload(Main main) {
        if (settings.routes().folders().size() > 1) {
            throw new InvalidInputException("--reload watches one routes folder; give --routes once");
        }
        Path folder = settings.routes().folders().get(0);
        main.addOverrideProperty("camel.main.routesReloadEnabled", "true");
        main.addOverrideProperty("camel.main.routesReloadDirectory", folder.toString());
        main.addOverrideProperty("camel.main.routesReloadDirectoryRecursive", "true");
        main.addOverrideProperty("camel.main.routesReloadPattern", "*.yaml,*.yml");
    }

    private static void configureHttp(Main main, int port) {
        main.addOverrideProperty("camel.management.enabled", "true");
        main.addOverrideProperty("camel.management.port", Integer.toString(port));
        main.addOverrideProperty("camel.management.healthCheckEnabled", "true");
        main.addOverrideProperty("camel.management.metricsEnabled", "true");
        main.addOverrideProperty("camel.metrics.enabled", "true");
        main.bind("adaptiveSqsMetrics", new AdaptiveSqsMetrics());
    }
}
