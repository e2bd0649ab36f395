package kyodo.query.platform.segments;

import java.util.Comparator;
import java.util.Map;

/**
 * The balancing rule (ADR 27): how many of a processing group's segments one query process may hold. Every
 * live process computes it from the same heartbeats and so reaches the same division: the segments split
 * evenly, the remainder one each to the processes that hold the most already (ties by id). Giving the
 * remainder to the current holders means a share moves only when processes come or go: a group of one
 * segment (global order) stays with the process that has it, and no two processes trade a segment back and
 * forth. The shares add up to the segments, so none is left without a process that may take it.
 */
final class FairShare {

    private FairShare() {
    }

    /**
     * @param segments the group's segments
     * @param process  the process asking, one of {@code held}'s keys
     * @param held     every live process (the asking one included) with the segments of the group it holds now
     * @return how many segments of the group the process may hold
     */
    static int of(int segments, String process, Map<String, Integer> held) {
        if (!held.containsKey(process)) {
            throw new IllegalArgumentException(process + " is not among the live processes " + held.keySet());
        }
        int even = segments / held.size();
        int remainder = segments % held.size();
        boolean takesOneMore = held.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(remainder)
                .anyMatch(entry -> entry.getKey().equals(process));
        return even + (takesOneMore ? 1 : 0);
    }
}
