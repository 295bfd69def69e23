package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScenariosTest {

    private static final List<Mode> BOTH = List.of(Mode.IDEAL, Mode.REALISTIC);

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void everyScenarioHasAUniqueTitleAndEveryKindRunsInBothModes(boolean quick) {
        List<Scenario> all = Scenarios.all(quick, BOTH);

        assertThat(all).extracting(Scenario::title).doesNotHaveDuplicates();
        assertThat(all).extracting(Scenario::fileName).doesNotHaveDuplicates();
        assertThat(all.stream().filter(s -> s.mode() == Mode.IDEAL).map(Scenario::name).toList())
                .isEqualTo(all.stream().filter(s -> s.mode() == Mode.REALISTIC).map(Scenario::name).toList());
        assertThat(all).filteredOn(s -> s.kind() != Scenario.Kind.FIXED_SWEEP)
                .allMatch(s -> s.contenders().get(0) instanceof Contender.Adaptive);
        assertThat(all).extracting(Scenario::kind).contains(Scenario.Kind.values());
    }

    @Test
    void theRunsFitTheirTimeBudgets() {
        assertThat(BenchRun.estimatedSeconds(Scenarios.all(false, BOTH))).as("both modes under 30 minutes")
                .isLessThan(30 * 60.0);
        assertThat(BenchRun.estimatedSeconds(Scenarios.all(true, BOTH))).as("quick, both modes: about 7 minutes")
                .isLessThan(7.5 * 60.0);
    }

    @Test
    void theWarmUpRunsEveryComponentAndIsNotInTheCatalog() {
        assertThat(Scenarios.warmUp().contenders()).hasOnlyElementsOfTypes(Contender.Adaptive.class,
                Contender.Stock.class, Contender.Spring.class).hasSize(3);
        assertThat(Scenarios.all(false, BOTH)).extracting(Scenario::name).doesNotContain("warm-up");
    }

    @Test
    void capacitiesStayWhereTwoCoresAreNotTheBottleneckExceptWhereThatIsTheQuestion() {
        for (Scenario scenario : Scenarios.all(false, BOTH)) {
            double limit = scenario.name().equals("saturation-high") ? 2400 : 1200;
            for (Phase phase : scenario.phases()) {
                assertThat(phase.capacity(scenario.parallelism()) * scenario.consumers())
                        .as(scenario.title()).isLessThanOrEqualTo(limit);
            }
        }
    }

    @Test
    void aBacklogOutlastsTheFastestPossibleConsumer() {
        Scenario step = Scenarios.capacityStep(false, Mode.IDEAL);

        double mostConsumed = 300 * 6 + 1200 * 6 + 300 * 6;
        assertThat(step.prefill()).isGreaterThan((int) mostConsumed);
    }

    @Test
    void throughputScenariosRunBothSpringSettingsAndStock() {
        for (Scenario scenario : Scenarios.all(false, BOTH)) {
            if (Targets.throughputMatters(scenario)) {
                assertThat(scenario.contenders()).extracting(Contender::label).as(scenario.title())
                        .contains("adaptive", "aws2-sqs", "spring", "spring-x10");
            }
        }
    }

    @Test
    void theSweepRunsEveryFixedCountFromTheIdealOneToMaxPollers() {
        // 800/s at 51 ms: 4.1 pollers in full batches, 7.4 in batches of 5.5 on average
        assertThat(Scenarios.fixedSweep(false, Mode.IDEAL).contenders()).extracting(Contender::label)
                .containsExactlyElementsOf(fixedLabels(5, Scenario.MAX_POLLERS));
        assertThat(Scenarios.fixedSweep(false, Mode.REALISTIC).contenders()).extracting(Contender::label)
                .containsExactlyElementsOf(fixedLabels(8, Scenario.MAX_POLLERS));
    }

    private static java.util.List<String> fixedLabels(int from, int to) {
        return java.util.stream.IntStream.rangeClosed(from, to).mapToObj(n -> "fixed-" + n).toList();
    }

    @Test
    void fifoScenariosUseGroupsAndBoundCapacityByThem() {
        Scenario many = Scenarios.fifo(32, false, Mode.REALISTIC);
        Scenario few = Scenarios.fifo(4, false, Mode.REALISTIC);

        assertThat(many.fifo()).isTrue();
        assertThat(many.parallelism()).isEqualTo(8);
        assertThat(few.parallelism()).isEqualTo(4);
        assertThat(few.phases().get(0).capacity(few.parallelism())).isEqualTo(400);
        assertThat(Scenarios.trickle(false, Mode.IDEAL).fifo()).isFalse();
    }

    @Test
    void theTrickleArrivesAtRandomInBothModes() {
        for (Mode mode : BOTH) {
            assertThat(Scenarios.trickle(false, mode).phases()).allMatch(Phase::randomArrivals);
        }
        assertThat(Scenarios.all(false, BOTH)).filteredOn(s -> !s.name().equals("trickle"))
                .flatExtracting(Scenario::phases).noneMatch(Phase::randomArrivals);
    }

    @Test
    void selectingKeepsCatalogOrderAndRefusesUnknownNames() {
        assertThat(Scenarios.select(true, List.of(Mode.REALISTIC), List.of("trickle", "capacity-step")))
                .extracting(Scenario::title).containsExactly("capacity-step (realistic)", "trickle (realistic)");
        assertThat(Scenarios.select(true, BOTH, null)).hasSameSizeAs(Scenarios.all(true, BOTH));
        assertThatThrownBy(() -> Scenarios.select(true, BOTH, List.of("saturation")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown scenario 'saturation'")
                .hasMessageContaining("saturation-rtt50");
    }

    @Test
    void modesAreParsedFromTheOptionAndABadOneIsNamed() {
        assertThat(Mode.parse("both")).containsExactly(Mode.IDEAL, Mode.REALISTIC);
        assertThat(Mode.parse("Realistic")).containsExactly(Mode.REALISTIC);
        assertThatThrownBy(() -> Mode.parse("real")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid --mode 'real': must be ideal, realistic or both");
    }

    @Test
    void contendersWriteTheEndpointUrisAUserWould() {
        assertThat(new Contender.Adaptive().endpointUri("orders", 16))
                .isEqualTo("adaptive-sqs:orders?amazonSQSClient=#benchSqs&concurrentConsumers=16");
        assertThat(new Contender.Fixed(5).endpointUri("orders", 16)).endsWith("&minPollers=5&maxPollers=5");
        assertThat(new Contender.Stock().endpointUri("orders", 16)).startsWith("aws2-sqs:orders?")
                .contains("concurrentConsumers=16", "maxMessagesPerPoll=10", "greedy=true", "waitTimeSeconds=10");
        assertThat(new Contender.Spring(10).endpointUri("orders", 8))
                .contains("maxConcurrentMessages=80", "listener permits=8");
        assertThat(new Contender.Spring(1).maxConcurrentMessages(8)).isEqualTo(8);
        assertThat(new Contender.Spring(1).endpointUri("orders", 8)).as("no poll larger than what may be in flight")
                .contains("maxConcurrentMessages=8", "maxMessagesPerPoll=8");
    }
}
