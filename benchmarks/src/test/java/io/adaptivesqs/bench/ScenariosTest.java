package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenariosTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyScenarioHasAUniqueNameAndTheAdaptiveContenderFirst(boolean quick) {
        List<Scenario> all = Scenarios.all(quick);

        assertThat(all).extracting(Scenario::name).doesNotHaveDuplicates();
        assertThat(all).allMatch(s -> s.contenders().get(0) instanceof Contender.Adaptive);
        assertThat(all).extracting(s -> s.kind()).contains(Scenario.Kind.values());
    }

    @Test
    void theRunsFitTheirTimeBudgets() {
        assertThat(BenchRun.estimatedSeconds(Scenarios.all(false))).as("about 10 minutes").isBetween(540.0, 630.0);
        assertThat(BenchRun.estimatedSeconds(Scenarios.all(true))).as("about 2 minutes").isLessThan(160.0);
    }

    @Test
    void theWarmUpRunsBothComponentsAndIsNotInTheCatalog() {
        assertThat(Scenarios.warmUp().contenders()).hasOnlyElementsOfTypes(Contender.Adaptive.class,
                Contender.Stock.class).hasSize(2);
        assertThat(Scenarios.all(false)).extracting(Scenario::name).doesNotContain("warm-up");
    }

    @Test
    void capacitiesStayWhereTwoCoresAreNotTheBottleneck() {
        for (Scenario scenario : Scenarios.all(false)) {
            for (Phase phase : scenario.phases()) {
                assertThat(phase.capacity(scenario.concurrentConsumers()) * scenario.consumers())
                        .as(scenario.name()).isLessThanOrEqualTo(1200);
            }
        }
    }

    @Test
    void aBacklogOutlastsTheFastestPossibleConsumer() {
        Scenario step = Scenarios.capacityStep(false);

        double mostConsumed = 300 * 8 + 1200 * 8 + 300 * 8;
        assertThat(step.prefill()).isGreaterThan((int) mostConsumed);
    }

    @Test
    void selectingKeepsCatalogOrderAndRefusesUnknownNames() {
        assertThat(Scenarios.select(true, List.of("trickle", "capacity-step"))).extracting(Scenario::name)
                .containsExactly("capacity-step", "trickle");
        assertThat(Scenarios.select(true, null)).hasSameSizeAs(Scenarios.all(true));
        assertThatThrownBy(() -> Scenarios.select(true, List.of("saturation")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'saturation'")
                .hasMessageContaining("saturation-rtt50");
    }

    @Test
    void contendersWriteTheEndpointUrisAUserWould() {
        assertThat(new Contender.Adaptive().endpointUri("orders", 16))
                .isEqualTo("adaptive-sqs:orders?amazonSQSClient=#benchSqs&concurrentConsumers=16");
        assertThat(new Contender.Fixed(5).endpointUri("orders", 16)).endsWith("&minPollers=5&maxPollers=5");
        assertThat(new Contender.Stock().endpointUri("orders", 16)).startsWith("aws2-sqs:orders?")
                .contains("concurrentConsumers=16", "maxMessagesPerPoll=10", "greedy=true", "waitTimeSeconds=10");
    }
}
