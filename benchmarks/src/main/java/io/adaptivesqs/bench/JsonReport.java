package io.adaptivesqs.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The whole run as JSON, for comparing runs and plotting elsewhere: run info, then per scenario its parameters, and
 * per contender the result row, the message books, the SQS calls, the supervisor's reasons and the timeline as
 * columns. A number that does not apply is null; a step time never met is the string "Infinity".
 */
final class JsonReport {

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    static void write(Path file, RunInfo run, List<ScenarioOutcome> outcomes) throws IOException {
        JSON.writeValue(file.toFile(), tree(run, outcomes));
    }

    static String toJsonUnchecked(RunInfo run, List<ScenarioOutcome> outcomes) {
        try {
            return JSON.writeValueAsString(tree(run, outcomes));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, Object> tree(RunInfo run, List<ScenarioOutcome> outcomes) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("run", run);
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioOutcome outcome : outcomes) {
            scenarios.add(scenario(outcome));
        }
        root.put("scenarios", scenarios);
        root.put("targets", outcomes.stream().flatMap(o -> o.targets().stream()).toList());
        return root;
    }

    private static Map<String, Object> scenario(ScenarioOutcome outcome) {
        Scenario s = outcome.scenario();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", s.name());
        json.put("mode", s.mode().label());
        json.put("kind", s.kind());
        json.put("fifoGroups", s.fifoGroups());
        json.put("description", s.description());
        json.put("concurrentConsumers", s.concurrentConsumers());
        json.put("consumers", s.consumers());
        json.put("prefill", s.prefill());
        json.put("warmupSeconds", s.warmupSeconds());
        json.put("phases", s.phases().stream().map(JsonReport::phase).toList());
        List<Object> trials = new ArrayList<>();
        for (int i = 0; i < outcome.trials().size(); i++) {
            TrialRecord trial = outcome.trials().get(i);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("contender", trial.contender().label());
            t.put("endpointUri", trial.contender().endpointUri("QUEUE", s.concurrentConsumers()));
            t.put("result", result(outcome.results().get(i)));
            t.put("accounting", trial.accounting());
            t.put("calls", trial.calls());
            t.put("decisions", trial.decisions());
            t.put("timeline", timeline(trial.timeline()));
            trials.add(t);
        }
        json.put("trials", trials);
        return json;
    }

    private static Map<String, Object> phase(Phase p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("name", p.name());
        json.put("seconds", p.seconds());
        json.put("serviceMillis", p.serviceMillis());
        json.put("rttMillis", p.rttMillis());
        json.put("offeredPerSecond", p.hasBacklog() ? "backlog" : p.offered());
        json.put("untilDrained", p.untilDrained());
        json.put("arrivals", p.producing() ? (p.randomArrivals() ? "poisson" : "paced") : "none");
        return json;
    }

    static Map<String, Object> result(Result r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("throughput", number(r.throughput()));
        json.put("meanPollers", number(r.meanPollers()));
        json.put("maxPollers", number(r.maxPollers()));
        json.put("idealPollers", number(r.idealPollers()));
        json.put("endPollers", r.endPollers());
        json.put("receivesPerMessage", number(r.receivesPerMessage()));
        json.put("emptyReceiveRatio", number(r.emptyReceiveRatio()));
        json.put("receivesPerSecond", number(r.receivesPerSecond()));
        json.put("limboMean", number(r.limboMean()));
        json.put("limboMax", number(r.limboMax()));
        json.put("timeTo90Seconds", number(r.timeTo90()));
        json.put("pollersDownSeconds", number(r.pollersDown()));
        json.put("p50Millis", number(r.p50Millis()));
        json.put("p99Millis", number(r.p99Millis()));
        json.put("duplicates", r.duplicates());
        json.put("missing", r.missing());
        json.put("minShare", number(r.minShare()));
        json.put("cpu", number(r.cpu()));
        json.put("processCpu", number(r.processCpu()));
        json.put("cpuSaturated", r.cpuSaturated());
        json.put("timeTo95Seconds", number(r.timeTo95()));
        json.put("phaseThroughput", r.phaseThroughput().stream().map(JsonReport::number).toList());
        json.put("outOfOrder", r.outOfOrder() < 0 ? null : r.outOfOrder());
        json.put("overlaps", r.overlaps() < 0 ? null : r.overlaps());
        json.put("serviceOverrunMicros", number(r.serviceOverrunMicros()));
        return json;
    }

    private static Map<String, Object> timeline(Timeline timeline) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("phaseStarts", timeline.phaseStarts());
        List<Object> consumers = new ArrayList<>();
        for (int i = 0; i < timeline.consumers(); i++) {
            List<Sample> samples = timeline.consumer(i);
            Map<String, Object> columns = new LinkedHashMap<>();
            columns.put("seconds", column(samples, Sample::seconds));
            columns.put("phase", column(samples, Sample::phase));
            columns.put("completed", column(samples, Sample::completed));
            columns.put("received", column(samples, Sample::received));
            columns.put("receiveCalls", column(samples, Sample::receiveCalls));
            columns.put("emptyReceives", column(samples, Sample::emptyReceives));
            columns.put("pollers", column(samples, Sample::pollers));
            columns.put("receivesInFlight", column(samples, Sample::receivesInFlight));
            columns.put("receivesInFlightMax", column(samples, Sample::receivesInFlightMax));
            columns.put("bufferDepth", column(samples, Sample::bufferDepth));
            columns.put("limbo", column(samples, Sample::limbo));
            columns.put("cpu", column(samples, Sample::cpu));
            columns.put("processCpu", column(samples, Sample::processCpu));
            consumers.add(columns);
        }
        json.put("consumers", consumers);
        return json;
    }

    private static List<Object> column(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return samples.stream().map(s -> number(value.applyAsDouble(s))).toList();
    }

    /** Whole numbers as integers, NaN as null, infinity as a string: plain JSON has neither. */
    static Object number(double value) {
        if (Double.isNaN(value)) {
            return null;
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Infinity" : "-Infinity";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return (long) value;
        }
        return Math.round(value * 10000) / 10000.0;
    }
}
