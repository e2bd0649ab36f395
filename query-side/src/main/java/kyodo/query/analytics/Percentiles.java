package kyodo.query.analytics;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * The percentiles the analytics publish, defined so that anyone can recompute them from the same
 * day counts: the median is the middle value, or the mean of the two middle values of an even
 * count (one decimal place); the 90th percentile is by nearest rank, the smallest value that at
 * least 90 % of the values do not exceed ({@code sorted[ceil(0.9 n) − 1]}). Both are null for no
 * values.
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
}
