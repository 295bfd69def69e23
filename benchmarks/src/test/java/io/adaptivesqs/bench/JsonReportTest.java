package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonReportTest {

    private final JsonNode json = parse(JsonReport.toJsonUnchecked(Fixtures.run(),
            List.of(Fixtures.capacityStepOutcome())));

    private static JsonNode parse(String text) {
        try {
            return new ObjectMapper().readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void runInfoComesFirst() {
        assertThat(json.path("run").path("host").asText()).isEqualTo("test-host");
        assertThat(json.path("run").path("quick").asBoolean()).isTrue();
        assertThat(json.path("run").path("timerLateMicros").path("20.0").asLong()).isEqualTo(170);
    }

    @Test
    void eachTrialHasItsResultBooksCallsAndTimeline() {
        JsonNode scenario = json.path("scenarios").get(0);
        assertThat(scenario.path("name").asText()).isEqualTo("capacity-step");
        assertThat(scenario.path("phases").get(1).path("offeredPerSecond").asText()).isEqualTo("backlog");

        JsonNode trial = scenario.path("trials").get(0);
        assertThat(trial.path("contender").asText()).isEqualTo("adaptive");
        assertThat(trial.path("endpointUri").asText()).startsWith("adaptive-sqs:QUEUE?");
        assertThat(trial.path("result").path("timeTo90Seconds").asDouble()).isEqualTo(1.5);
        assertThat(trial.path("accounting").path("leftInQueue").asLong()).isEqualTo(5000);
        assertThat(trial.path("calls").get(0).path("receiveCalls").asLong()).isEqualTo(1500);
        JsonNode columns = trial.path("timeline").path("consumers").get(0);
        assertThat(columns.path("seconds").size()).isEqualTo(columns.path("pollers").size()).isEqualTo(97);
        assertThat(trial.path("timeline").path("phaseStarts").get(1).asDouble()).isEqualTo(8.0);
    }

    @Test
    void numbersThatDoNotApplyAreNullAndNeverIsInfinity() {
        JsonNode result = json.path("scenarios").get(0).path("trials").get(0).path("result");

        assertThat(result.path("p99Millis").isNull()).isTrue();
        assertThat(result.path("minShare").isNull()).isTrue();
        assertThat(JsonReport.number(Double.POSITIVE_INFINITY)).isEqualTo("Infinity");
        assertThat(JsonReport.number(5.0)).isEqualTo(5L);
        assertThat(JsonReport.number(0.123456)).isEqualTo(0.1235);
    }

    @Test
    void targetsAreListedWithTheirVerdicts() {
        JsonNode targets = json.path("targets");

        assertThat(targets.size()).isPositive();
        assertThat(targets.get(0).path("scenario").asText()).isEqualTo("capacity-step (ideal)");
        assertThat(targets.get(0).has("met")).isTrue();
    }
}
