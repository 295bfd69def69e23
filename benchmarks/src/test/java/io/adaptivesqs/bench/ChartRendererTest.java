package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChartRendererTest {

    @Test
    void oneSvgPerScenarioWithEveryContenderAndTheReferences() {
        String svg = ChartRenderer.svg(Fixtures.capacityStepOutcome());

        // the four panels' axis labels are rotated, which JFreeSVG draws as outlines rather than text
        assertThat(svg).startsWith("<svg").endsWith("</svg>")
                .contains(">capacity-step (ideal)<", ">adaptive<", ">fixed-7<", ">possible<", ">ideal<", ">seconds<");
    }

    @Test
    void contendersKeepTheirColoursAcrossScenarios() {
        Scenario step = Scenarios.capacityStep(false, Mode.IDEAL);

        assertThat(ChartRenderer.colour(step, new Contender.Adaptive()))
                .isEqualTo(ChartRenderer.colour(Scenarios.trickle(false, Mode.IDEAL), new Contender.Adaptive()));
        assertThat(ChartRenderer.colour(step, new Contender.Fixed(2)))
                .isNotEqualTo(ChartRenderer.colour(step, new Contender.Fixed(7)));
    }
}
