package kyodo.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@link AccessMatrixIT} saw: for every row (an endpoint, possibly in a variant such as
 * "city-wide project"), the status each actor got. Rendered as a Markdown table for the report.
 */
final class AccessMatrix {

    private final Map<String, Map<String, Integer>> rows = new LinkedHashMap<>();
    private final Set<String> columns = new LinkedHashSet<>();

    AccessMatrix(List<String> columns) {
        this.columns.addAll(columns);
    }

    synchronized void record(String row, String actor, int status) {
        columns.add(actor);
        rows.computeIfAbsent(row, r -> new LinkedHashMap<>()).put(actor, status);
    }

    synchronized int cases() {
        return rows.values().stream().mapToInt(Map::size).sum();
    }

    synchronized int rowCount() {
        return rows.size();
    }

    /** The table: one line per row, one column per actor, {@code ·} where the actor was not tried. */
    synchronized String render() {
        List<String> lines = new ArrayList<>();
        lines.add("| endpoint | " + String.join(" | ", columns) + " |");
        lines.add("|---|" + "---|".repeat(columns.size()));
        rows.forEach((row, statuses) -> {
            StringBuilder line = new StringBuilder("| `" + row + "` |");
            for (String column : columns) {
                Integer status = statuses.get(column);
                line.append(' ').append(status == null ? "·" : status).append(" |");
            }
            lines.add(line.toString());
        });
        lines.add("");
        lines.add(rows.size() + " rows, " + cases() + " cases");
        return String.join("\n", lines) + "\n";
    }
}
