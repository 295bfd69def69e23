package io.adaptivesqs.bench;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * The line that says what is running. On a terminal it is rewritten in place every tick; into a file or a pipe it
 * is one line per trial, so logs stay readable.
 */
final class Progress {

    private final PrintStream out;
    private final boolean interactive;
    private final int trials;
    private final long startNanos = System.nanoTime();
    private double remainingSeconds;
    private int trial;
    private String current = "";
    private long lastDrawNanos;

    Progress(PrintStream out, boolean interactive, int trials, double estimatedSeconds) {
        this.out = out;
        this.interactive = interactive;
        this.trials = trials;
        this.remainingSeconds = estimatedSeconds;
    }

    void warmingUp(Contender contender) {
        current = "[warm-up] " + contender.label();
        if (!interactive) {
            out.printf(Locale.ROOT, "%s (elapsed %s)%n", current, clock(elapsed()));
        }
    }

    void trialStarted(Scenario scenario, Contender contender, double estimatedSeconds) {
        trial++;
        current = String.format(Locale.ROOT, "[%d/%d] %s · %s", trial, trials, scenario.title(), contender.label());
        remainingSeconds -= estimatedSeconds;
        if (!interactive) {
            out.printf(Locale.ROOT, "%s (elapsed %s)%n", current, clock(elapsed()));
        }
    }

    void tick(String phase, double seconds, List<Sample> total) {
        if (!interactive || System.nanoTime() - lastDrawNanos < 200_000_000L) {
            return;
        }
        lastDrawNanos = System.nanoTime();
        Sample last = total.get(total.size() - 1);
        double rate = Analysis.rollingRate(total, total.size() - 1, 1.0);
        String line = String.format(Locale.ROOT, "%s · %s %4.1fs · %5.0f msg/s · pollers %4.1f · limbo %4d · cpu %3.0f%%"
                                                 + " · ETA %s",
                current, phase, seconds, Double.isNaN(rate) ? 0 : rate, last.receivesInFlight(), last.limbo(),
                100 * last.cpu(), clock(Math.max(0, remainingSeconds) + 1));
        out.print("\r" + line + " ".repeat(Math.max(0, 130 - line.length())));
        out.flush();
    }

    void trialFinished(Result result) {
        if (interactive) {
            out.print("\r" + " ".repeat(140) + "\r");
        }
        out.printf(Locale.ROOT, "%s: throughput %s of possible, pollers %.1f, limbo %.0f%n", current,
                ResultTable.percent(result.throughput()), result.meanPollers(), result.limboMean());
    }

    double elapsed() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
