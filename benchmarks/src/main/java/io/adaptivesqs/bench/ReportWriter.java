package io.adaptivesqs.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes what a run found: the table and the targets on stdout and in table.txt, results.json, one SVG (and PNG)
 * chart per scenario under charts/, and report.html with everything together.
 */
final class ReportWriter {

    private ReportWriter() {
    }

    static void write(Path out, RunInfo run, List<ScenarioOutcome> outcomes, PrintStream stdout) throws IOException {
        String text = text(outcomes);
        stdout.print(text);
        Files.writeString(out.resolve("table.txt"), text, StandardCharsets.UTF_8);
        JsonReport.write(out.resolve("results.json"), run, outcomes);

        Path charts = Files.createDirectories(out.resolve("charts"));
        List<String> svgs = new ArrayList<>();
        for (ScenarioOutcome outcome : outcomes) {
            String svg = ChartRenderer.svg(outcome);
            svgs.add(svg);
            Files.writeString(charts.resolve(outcome.scenario().fileName() + ".svg"), svg, StandardCharsets.UTF_8);
            Files.write(charts.resolve(outcome.scenario().fileName() + ".png"), ChartRenderer.png(outcome));
        }
        Files.writeString(out.resolve("report.html"), HtmlReport.render(run, outcomes, svgs), StandardCharsets.UTF_8);
        stdout.println();
        stdout.println("Report: " + out.resolve("report.html").toAbsolutePath().normalize());
    }

    /** The table, then every target with its verdict. */
    static String text(List<ScenarioOutcome> outcomes) {
        List<Result> results = outcomes.stream().flatMap(o -> o.results().stream()).toList();
        StringBuilder text = new StringBuilder(ResultTable.format(results)).append('\n').append("Targets\n");
        for (ScenarioOutcome outcome : outcomes) {
            for (TargetCheck check : outcome.targets()) {
                text.append(check.met() ? "  met     " : "  MISSED  ").append(check.scenario()).append(": ")
                        .append(check.target()).append(" -- ").append(check.measured()).append('\n');
            }
        }
        return text.toString();
    }
}
