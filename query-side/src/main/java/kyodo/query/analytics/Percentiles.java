package kyodo.query.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * The percentiles the analytics publish, defined so that anyone can recompute them from the same
 * day counts: the median is the middle value, or the mean of the two middle values of an even
 * count (one decimal place); the 90th percentile is by nearest rank, the smallest value that at
 * least 90 % of the values do not exceed ({@code sorted[ceil(0.9 n) − 1]}). Both are null for no
 * values. Both are given for the values themselves (sorted) and for a histogram of them (how many
 * times each value occurs), which is what the analytics cells keep: the same figure either way.
 */
public final class Percentiles {

    private Percentiles() {
    }

    /** @param sorted values in ascending order */
    public static BigDecimal median(List<Integer> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        long twice = n % 2 == 1 ? 2L * sorted.get(n / 2) : (long) sorted.get(n / 2 - 1) + sorted.get(n / 2);
        return BigDecimal.valueOf(twice).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY);
    }

    /** @param sorted values in ascending order */
    public static Integer p90(List<Integer> sorted) {
        int n = sorted.size();
        if (n == 0) {
            return null;
        }
        long rank = (9L * n + 9) / 10; // ceil(0.9 n) in integers
        return sorted.get((int) rank - 1);
    }

    /** @param counts how many times each value occurs, by value ascending; counts may be zero */
    public static BigDecimal median(SortedMap<Integer, Long> counts) {
        long n = total(counts);
        if (n == 0) {
            return null;
        }
        long twice = n % 2 == 1 ? 2L * valueAt(counts, n / 2)
                : (long) valueAt(counts, n / 2 - 1) + valueAt(counts, n / 2);
        return BigDecimal.valueOf(twice).divide(BigDecimal.valueOf(2), 1, RoundingMode.UNNECESSARY);
    }

    /** @param counts how many times each value occurs, by value ascending; counts may be zero */
    public static Integer p90(SortedMap<Integer, Long> counts) {
        long n = total(counts);
        if (n == 0) {
            return null;
        }
        return valueAt(counts, (9 * n + 9) / 10 - 1);
    }

    private static long total(SortedMap<Integer, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The value at that position (from 0) of the values written out in order. */
    private static int valueAt(SortedMap<Integer, Long> counts, long position) {
        long seen = 0;
        for (Map.Entry<Integer, Long> count : counts.entrySet()) {
            seen += count.getValue();
            if (position < seen) {
                return count.getKey();
            }
        }
        throw new IllegalArgumentException("position " + position + " beyond " + seen + " values");
    }
}
