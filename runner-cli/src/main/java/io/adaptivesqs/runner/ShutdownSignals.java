package io.adaptivesqs.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM: the first stops gracefully, a second forces the exit.
 * <p>
 * Signal handlers instead of a shutdown hook (camel-main's default), because a JVM stopped by a signal through its
 * shutdown hooks exits with 128 + signal, while a graceful stop should exit 0.
 */
final class ShutdownSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ShutdownSignals.class);
    private static final List<String> SIGNALS = List.of("INT", "TERM");

    private final Runnable gracefulStop;
    private final AtomicInteger received = new AtomicInteger();
    private final List<Installed> installed = new ArrayList<>();

    private record Installed(Signal signal, SignalHandler previous) {
    }

    private ShutdownSignals(Runnable gracefulStop) {
        this.gracefulStop = gracefulStop;
    }

    static ShutdownSignals install(Runnable gracefulStop) {
        ShutdownSignals signals = new ShutdownSignals(gracefulStop);
        for (String name : SIGNALS) {
            Signal signal = new Signal(name);
            try {
                signals.installed.add(new Installed(signal, Signal.handle(signal, signals::handle)));
            } catch (IllegalArgumentException e) {
                // the JVM keeps this signal for itself (-Xrs and the like): its default behaviour stays
                LOG.debug("Cannot handle SIG{}: {}", name, e.getMessage());
            }
        }
        return signals;
    }

    private void handle(Signal signal) {
        if (received.incrementAndGet() == 1) {
            LOG.info("SIG{} received: stopping gracefully (send it again to force the exit)", signal.getName());
            gracefulStop.run();
        } else {
            LOG.warn("SIG{} received again: exiting now", signal.getName());
            Runtime.getRuntime().halt(ExitCodes.RUNTIME_FAILURE);
        }
    }

    @Override
    public void close() {
        for (Installed handler : installed) {
            Signal.handle(handler.signal(), handler.previous());
        }
    }
}
