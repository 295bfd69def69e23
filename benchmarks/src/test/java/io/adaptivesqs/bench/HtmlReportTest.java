package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlReportTest {

    @Test
    void thePageHoldsTheTableTheTargetsAndEveryChart() {
        String html = HtmlReport.render(Fixtures.run(), List.of(Fixtures.capacityStepOutcome()),
                List.of("<svg id=\"chart\"></svg>"));

        assertThat(html).startsWith("<!DOCTYPE html>")
                .contains("<th>thru</th>", "<td>capacity-step</td><td>ideal</td><td>adaptive</td>", "<td>fixed-7</td>")
                .contains("90% of the new capacity within 3 s")
                .contains("<svg id=\"chart\"></svg>")
                .contains("adaptive-sqs:QUEUE?amazonSQSClient=#benchSqs&amp;concurrentConsumers=12")
                .endsWith("</html>\n");
    }

    @Test
    void textIsEscaped() {
        assertThat(HtmlReport.escape("a<b & \"c\">")).isEqualTo("a&lt;b &amp; &quot;c&quot;&gt;");
    }
}
