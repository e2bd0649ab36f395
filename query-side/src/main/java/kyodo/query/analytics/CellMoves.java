package kyodo.query.analytics;

import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The amounts a batch moves, by grain and cell ({@link Cells#write}). */
final class CellMoves {

    private final Map<String, Document> keys = new HashMap<>();
    private final Map<Integer, Map<String, Map<String, Long>>> amounts = new TreeMap<>();

    void add(List<Cells.Share> shares, long sign) {
        for (Cells.Share share : shares) {
            keys.putIfAbsent(share.grain() + share.cell(), share.key());
            Map<String, Long> cell = amounts.computeIfAbsent(share.grain(), g -> new TreeMap<>())
                    .computeIfAbsent(share.cell(), id -> new TreeMap<>());
            share.amounts().forEach((field, amount) -> cell.merge(field, Math.multiplyExact(sign, amount),
                    Math::addExact));
        }
    }

    /** The non-zero amounts of one grain, by cell. */
    Map<String, Map<String, Long>> nonZero(int grain) {
        Map<String, Map<String, Long>> moved = new TreeMap<>();
        amounts.getOrDefault(grain, Map.of()).forEach((cell, byField) -> {
            Map<String, Long> changed = new TreeMap<>(byField);
            changed.values().removeIf(amount -> amount == 0);
            if (!changed.isEmpty()) {
                moved.put(cell, changed);
            }
        });
        return moved;
    }

    /** Each moved cell's combination, by grain position and cell id. */
    Map<String, Document> keys() {
        return keys;
    }
}
