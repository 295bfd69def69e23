package io.adaptivesqs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class ResultTableTest {

    @Test
    void aRowShowsEveryMetricAndDashesWhereNoneApplies() {
        Result result = new Result("saturation-rtt50", "ideal", "adaptive", 0.9812, 5.73, 6, 5, 5, 0.1004, 0.0, 78.4, 32.2,
                44, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0.438, 0.31, Double.NaN,
                List.of(), -1, -1, Double.NaN);

        assertThat(ResultTable.cells(result)).containsExactly("saturation-rtt50", "ideal", "adaptive", "98.1%", "5.7/6",
                "5.0", "0.100", "0.0%", "78.4", "32/44", "-", "-", "-", "0/0", "-", "-", "44/31");
    }

    @Test
    void stepTimesNeverMetReadNeverAndSaturatedCpuIsFlagged() {
        Result result = new Result("rtt-step", "ideal", "fixed-1", 0.5, 1, 1, 5, 1, 0.1, 0.0, 50, 10, 20,
                Double.POSITIVE_INFINITY, 0.0, 40, 95.5, 1, 2, 0.3, 0.95, 0.6, Double.NaN,
                List.of(), -1, -1, Double.NaN);

        List<String> cells = ResultTable.cells(result);

        assertThat(cells.get(10)).isEqualTo("never");
        assertThat(cells.get(11)).isEqualTo("0.0");
        assertThat(cells.get(12)).isEqualTo("40/96");
        assertThat(cells.get(13)).isEqualTo("1/2");
        assertThat(cells.get(15)).isEqualTo("30.0%");
        assertThat(cells.get(16)).isEqualTo("95/60!");
    }

    @Test
    void fifoRowsShowOutOfOrderAndOverlaps() {
        Result fifo = new Result("fifo-groups32", "realistic", "adaptive", 0.9, 5, 6, 5, 5, 0.1, 0.0, 80.0, 30, 40,
                Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, 0, Double.NaN, 0.5, 0.3, Double.NaN, List.of(),
                427, 2880, Double.NaN);

        assertThat(ResultTable.cells(fifo).get(1)).isEqualTo("realistic");
        assertThat(ResultTable.cells(fifo).get(14)).isEqualTo("427/2880");
    }

    @Test
    void columnsLineUp() {
        String table = ResultTable.format(List.of(
                Fixtures.result("saturation-rtt50", "adaptive", 0.98),
                Fixtures.result("saturation-rtt50", "aws2-sqs", 0.177)));

        List<String> lines = table.lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).startsWith("scenario");
        assertThat(lines.get(1)).matches("-+");
        assertThat(lines).extracting(String::length).containsOnly(lines.get(0).length());
        assertThat(lines.get(3)).contains("aws2-sqs").contains("17.7%");
    }
}
