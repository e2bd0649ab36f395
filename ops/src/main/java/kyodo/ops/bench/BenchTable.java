package kyodo.ops.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The driver's rows and the loader's figures as Markdown tables, ready for {@code docs/performance.md}. */
final class BenchTable {

    private BenchTable() {
    }

    /**
     * One line per row: requests, errors (by status; 0 = no answer), throughput, p50/p95/p99, and the
     * server's CPU per request when a row has it.
     */
    static String latencies(List<LoadRow> rows, int connections) {
        boolean cpu = rows.stream().anyMatch(row -> !Double.isNaN(row.serverCpuMillis()));
        StringBuilder table = new StringBuilder();
        table.append("| what (").append(connections).append(" connections) | requests | errors | per s | p50 ms | p95 ms | p99 ms |")
                .append(cpu ? " server CPU ms per request |\n" : "\n");
        table.append("|---|---:|---:|---:|---:|---:|---:|").append(cpu ? "---:|\n" : "\n");
        for (LoadRow row : rows) {
            if (row.skipped() != null) {
                table.append("| ").append(row.what()).append(" | skipped: ").append(row.skipped())
                        .append(" | | | | | |").append(cpu ? " |\n" : "\n");
                continue;
            }
            table.append(String.format(Locale.ROOT, "| %s | %d | %s | %.1f | %s | %s | %s |", row.what(),
                    row.requests(), errors(row.errors(), row.errorStatuses()), row.throughput(),
                    millis(row.latencies().p50()), millis(row.latencies().p95()), millis(row.latencies().p99())));
            table.append(cpu ? String.format(Locale.ROOT, " %s |%n", Double.isNaN(row.serverCpuPerRequest()) ? "–"
                    : String.format(Locale.ROOT, "%.2f", row.serverCpuPerRequest())) : System.lineSeparator());
        }
        return table.toString();
    }

    /** A two-column table of named figures, in the order given. */
    static String figures(Map<String, String> figures) {
        StringBuilder table = new StringBuilder("| figure | value |\n|---|---:|\n");
        figures.forEach((name, value) -> table.append("| ").append(name).append(" | ").append(value).append(" |\n"));
        return table.toString();
    }

    private static String errors(long errors, Map<Integer, Long> statuses) {
        if (errors == 0) {
            return "0";
        }
        return errors + " (" + statuses.entrySet().stream().map(e -> e.getValue() + "×" + e.getKey())
                .collect(Collectors.joining(", ")) + ")";
    }

    private static String millis(double millis) {
        return Double.isNaN(millis) ? "–" : millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis)
                : String.format(Locale.ROOT, "%.1f", millis);
    }
}
