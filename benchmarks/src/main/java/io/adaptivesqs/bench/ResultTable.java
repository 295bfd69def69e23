package io.adaptivesqs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The results as a fixed-width text table, one row per scenario and contender; "-" where a number does not apply. */
final class ResultTable {

    static final List<String> HEADER = List.of("scenario", "mode", "contender", "thru", "pollers", "ideal",
            "recv/msg", "empty", "recv/s", "limbo", "t90", "down", "p50/p99 ms", "dup/miss", "order", "share",
            "cpu all/jvm");
    /** Name columns, left-aligned. */
    private static final int NAMES = 3;

    private ResultTable() {
    }

    static String format(List<Result> results) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(HEADER);
        for (Result r : results) {
            rows.add(cells(r));
        }
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder table = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            for (int i = 0; i < row.size(); i++) {
                String cell = row.get(i);
                // names left-aligned, numbers right-aligned
                table.append(i < NAMES ? pad(cell, widths[i], false) : pad(cell, widths[i], true));
                table.append(i + 1 < row.size() ? "  " : "");
            }
            table.append('\n');
            if (r == 0) {
                int width = table.length() - 1;
                table.append("-".repeat(width)).append('\n');
            }
        }
        return table.toString();
    }

    /** The cells of one row, as the table and the HTML report show them. */
    static List<String> cells(Result r) {
        return List.of(r.scenario(), r.mode(), r.contender(),
                percent(r.throughput()),
                number(r.meanPollers(), 1) + "/" + number(r.maxPollers(), 0),
                number(r.idealPollers(), 1),
                number(r.receivesPerMessage(), 3),
                percent(r.emptyReceiveRatio()),
                number(r.receivesPerSecond(), 1),
                number(r.limboMean(), 0) + "/" + number(r.limboMax(), 0),
                seconds(r.timeTo90()),
                seconds(r.pollersDown()),
                Double.isNaN(r.p50Millis()) ? "-" : number(r.p50Millis(), 0) + "/" + number(r.p99Millis(), 0),
                r.duplicates() + "/" + r.missing(),
                r.outOfOrder() < 0 ? "-" : r.outOfOrder() + "/" + r.overlaps(),
                percent(r.minShare()),
                number(100 * r.cpu(), 0) + "/" + number(100 * r.processCpu(), 0) + (r.cpuSaturated() ? "!" : ""));
    }

    static String percent(double fraction) {
        return Double.isNaN(fraction) ? "-" : String.format(Locale.ROOT, "%.1f%%", 100 * fraction);
    }

    static String number(double value, int decimals) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Seconds with one decimal; "never" for a step time that never came (infinite), "-" where none applies. */
    static String seconds(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        return Double.isInfinite(value) ? "never" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String pad(String cell, int width, boolean right) {
        String space = " ".repeat(width - cell.length());
        return right ? space + cell : cell + space;
    }
}
