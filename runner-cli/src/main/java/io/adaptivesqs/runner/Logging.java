package io.adaptivesqs.runner;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/**
 * Log4j settings that depend on {@code --verbose}. The base configuration is {@code log4j2.xml}.
 */
final class Logging {

    /** Read by log4j2.xml: how much of an exception a log line shows. */
    static final String EXCEPTION_DETAIL = "adaptive-sqs-runner.log.exceptions";

    private Logging() {
    }

    static void configure(boolean verbose) {
        String detail = verbose ? "full" : "short";
        if (!detail.equals(System.getProperty(EXCEPTION_DETAIL))) {
            System.setProperty(EXCEPTION_DETAIL, detail);
            Configurator.reconfigure();
        }
        Configurator.setLevel("io.adaptivesqs", verbose ? Level.DEBUG : Level.INFO);
    }
}
