package io.adaptivesqs.bench;

import java.util.List;
import java.util.Locale;

/**
 * A single self-contained HTML page: run info, the results table, the targets, then one chart per scenario with the
 * endpoint URI of each contender. Charts are inlined SVG, so the page can be mailed or attached as is.
 */
final class HtmlReport {

    private HtmlReport() {
    }

    static String render(RunInfo run, List<ScenarioOutcome> outcomes, List<String> svgCharts) {
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<title>adaptive-sqs benchmark</title><style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1100px}")
                .append("table{border-collapse:collapse;font-size:13px}")
                .append("td,th{border:1px solid #ccc;padding:3px 6px;text-align:right}")
                .append("td:nth-child(-n+2),th{text-align:left}.met{color:#1a7f37}.missed{color:#c62828}")
                .append("code{font-size:12px}</style></head><body>\n");
        html.append("<h1>adaptive-sqs benchmark</h1>\n<p>")
                .append(escape(String.format(Locale.ROOT, "%s on %s, %d cores, Java %s, %s run, %s. JVM: %s. "
                                + "A timed park woke late by (us, by service time in ms) %s; the simulated service "
                                + "wakes that much early.",
                        run.startedAt(), run.host(), run.cores(), run.java(), run.quick() ? "quick" : "full",
                        Progress.clock(run.seconds()), run.jvmFlags(), run.timerLateMicros())))
                .append("</p>\n");
        html.append("<h2>Results</h2>\n").append(legend()).append(table(outcomes));
        html.append("<h2>Targets</h2>\n<ul>\n");
        for (ScenarioOutcome outcome : outcomes) {
            for (TargetCheck check : outcome.targets()) {
                html.append("<li class=\"").append(check.met() ? "met" : "missed").append("\">")
                        .append(check.met() ? "&#10003; " : "&#10007; ")
                        .append(escape(check.scenario() + ": " + check.target() + " — " + check.measured()))
                        .append("</li>\n");
            }
        }
        html.append("</ul>\n");
        for (int i = 0; i < outcomes.size(); i++) {
            Scenario scenario = outcomes.get(i).scenario();
            html.append("<h2 id=\"").append(escape(scenario.fileName())).append("\">").append(escape(scenario.title()))
                    .append("</h2>\n<p>").append(escape(scenario.description())).append("</p>\n<ul>\n");
            for (Contender contender : scenario.contenders()) {
                html.append("<li><code>").append(escape(contender.endpointUri("QUEUE", scenario.concurrentConsumers())))
                        .append("</code></li>\n");
            }
            html.append("</ul>\n").append(svgCharts.get(i)).append('\n');
        }
        return html.append("</body></html>\n").toString();
    }

    private static String legend() {
        return "<p>mode: ideal (full batches, fixed round trip) or realistic (round trips with a tail, partial "
               + "batches, bursts of throttling). "
               + "thru: completed / what could be completed (capacity K / service time, or the offered load when "
               + "lower), over the measured span. pollers: receives in flight, measured at the client, mean/max per "
               + "consumer; ideal: pollers that carry that rate in batches of the mode's mean size at the measured "
               + "round trip. order (FIFO): messages completed after a later one of their group / times two of a "
               + "group were in the route at once. recv/msg and empty: ReceiveMessage calls per message "
               + "and the share that came back empty (what SQS bills). limbo: messages received and not completed, "
               + "mean/max, the K in the route included. t90: seconds from a step up to 90% of the new possible "
               + "throughput (0.5 s resolution). down: seconds from a step down until pollers are back within one of "
               + "the ideal (at the minimum, once drained). share: smallest consumer's share. cpu: machine load "
               + "and this JVM's part of it (ElasticMQ included), in %; ! when the machine was saturated.</p>\n";
    }

    private static String table(List<ScenarioOutcome> outcomes) {
        StringBuilder table = new StringBuilder("<table>\n<tr>");
        ResultTable.HEADER.forEach(h -> table.append("<th>").append(escape(h)).append("</th>"));
        table.append("</tr>\n");
        for (ScenarioOutcome outcome : outcomes) {
            for (Result result : outcome.results()) {
                table.append("<tr>");
                ResultTable.cells(result).forEach(c -> table.append("<td>").append(escape(c)).append("</td>"));
                table.append("</tr>\n");
            }
        }
        return table.append("</table>\n").toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
