package io.adaptivesqs.camel;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.layout.PatternLayout;

/**
 * Collects every log line, rendered with its stack trace, while open: for asserting what was logged, how often,
 * and what never was (credentials).
 */
final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Map<String, Level> previousLevels = new HashMap<>();

    record Line(Level level, String logger, String message, String rendered) {
    }

    private CapturedLog() {
        super("captured-" + System.nanoTime(), null,
                PatternLayout.newBuilder().withPattern("%-5level [%t] %c - %msg%n%throwable").build(), true,
                Property.EMPTY_ARRAY);
    }

    /**
     * Starts capturing at the root logger, with the given loggers lowered to {@code level} meanwhile (to see also
     * what they log at DEBUG, say).
     */
    static CapturedLog capture(Level level, String... loggers) {
        CapturedLog log = new CapturedLog();
        log.start();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        for (String logger : loggers) {
            LoggerConfig existing = configuration.getLoggers().get(logger);
            if (existing == null) {
                LoggerConfig added = LoggerConfig.newBuilder().withLoggerName(logger).withLevel(level)
                        .withAdditivity(true).withConfig(configuration).build();
                configuration.addLogger(logger, added);
                log.previousLevels.put(logger, null);
            } else {
                log.previousLevels.put(logger, existing.getLevel());
                existing.setLevel(level);
            }
        }
        configuration.getRootLogger().addAppender(log, null, null);
        context.updateLoggers();
        return log;
    }

    /** Starts capturing at the configured levels. */
    static CapturedLog capture() {
        return capture(Level.INFO);
    }

    @Override
    public void append(LogEvent event) {
        lines.add(new Line(event.getLevel(), event.getLoggerName(), event.getMessage().getFormattedMessage(),
                getLayout().toSerializable(event).toString()));
    }

    List<Line> lines() {
        return List.copyOf(lines);
    }

    /** Lines at {@code level} whose message contains {@code text}. */
    List<Line> find(Level level, String text) {
        return lines.stream().filter(l -> l.level() == level && l.message().contains(text)).toList();
    }

    @Override
    public void close() {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(getName());
        previousLevels.forEach((logger, level) -> {
            if (level == null) {
                configuration.removeLogger(logger);
            } else {
                configuration.getLoggers().get(logger).setLevel(level);
            }
        });
        context.updateLoggers();
        stop();
    }
}
