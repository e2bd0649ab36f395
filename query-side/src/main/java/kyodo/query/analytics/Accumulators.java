package kyodo.query.analytics;

import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How each read model adds its facts up, in two steps: what one fact adds to its cell (its
 * <em>share</em>: counts, yen sums, and for a non-additive measure a histogram of its values), and
 * how the cells of a group add up into the measures. Every measure is a sum or a count over the
 * facts of a group, or derived from such sums (ratios, percentiles of a histogram), never an
 * average of averages, so a row is the same whichever way the other rows are grouped.
 */
final class Accumulators {

    private Accumulators() {
    }

    /** The amount a cell holds for a measure, 0 when it holds none. */
    static long sum(Document cell, String measure) {
        return amount(cell, Cells.SUMS + measure);
    }

    private static long amount(Document cell, String field) {
        Object amount = cell.get(field);
        return amount == null ? 0 : ((Number) amount).longValue();
    }

    /** A fact's share, its non-zero amounts only, so that a cell holds no empty entries. */
    private static final class Share {

        private final Map<String, Long> amounts = new LinkedHashMap<>();

        Share sum(String measure, long amount) {
            return put(Cells.SUMS + measure, amount);
        }

        Share sum(String measure, boolean counts) {
            return sum(measure, counts ? 1 : 0);
        }

        Share keyed(String key, long amount) {
            return put(Cells.KEYED + key, amount);
        }

        /** An amount for the value at that position of the fact's multi-valued dimension. */
        Share perValue(int position, long amount) {
            return put(Cells.PER_VALUE + position, amount);
        }

        private Share put(String path, long amount) {
            if (amount != 0) {
                amounts.merge(path, amount, Math::addExact);
            }
            return this;
        }
    }

    /**
     * {@code proposals/summary}: one fact per proposal; a cell keeps the days to answer as a
     * histogram ({@code x_d<days>}: how many were answered after that many days), from which the
     * median and the 90th percentile come out exactly as from the days themselves.
     */
    static final class ProposalSummary implements Accumulator {

        private static final List<String> COUNTS = List.of("received", "acknowledged", "decided", "accepted",
                "rejected", "withdrawn", "open", "overdue", "answeredLate", "supports");

        private static final String DAYS = Cells.KEYED + "d";

        private final Map<String, Long> sums = new LinkedHashMap<>();
        private final TreeMap<Integer, Long> days = new TreeMap<>();

        static Map<String, Long> share(Document fact) {
            Share share = new Share().sum("received", 1).sum("acknowledged", fact.getBoolean("acknowledged", false))
                    .sum("supports", fact.getInteger("supports", 0));
            String outcome = fact.getString("outcome");
            if (outcome != null) {
                share.sum("decided", 1).sum("ACCEPTED".equals(outcome) ? "accepted" : "rejected", 1)
                        .sum("answeredLate", fact.getBoolean("answeredLate", false));
                Integer daysToAnswer = fact.getInteger("daysToAnswer");
                if (daysToAnswer != null) {
                    share.keyed("d" + daysToAnswer, 1);
                }
            } else if (fact.getBoolean("withdrawn", false)) {
                share.sum("withdrawn", 1);
            } else {
                share.sum("open", 1).sum("overdue", fact.getBoolean("overdue", false));
            }
            return share.amounts;
        }

        @Override
        public void add(Document cell, String theme) {
            COUNTS.forEach(measure -> sums.merge(measure, sum(cell, measure), Math::addExact));
            cell.forEach((field, count) -> {
                if (field.startsWith(DAYS)) {
                    days.merge(Integer.parseInt(field.substring(DAYS.length())), ((Number) count).longValue(),
                            Math::addExact);
                }
            });
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            COUNTS.forEach(measure -> m.put(measure, sums.getOrDefault(measure, 0L)));
            m.put("medianDaysToAnswer", Percentiles.median(days));
            m.put("p90DaysToAnswer", Percentiles.p90(days));
            return m;
        }
    }

    /** {@code projects/counts}: one fact per project; every measure is a sum. */
    static final class ProjectCounts implements Accumulator {

        private final Map<String, Long> sums = new LinkedHashMap<>();

        static Map<String, Long> share(Document fact) {
            String status = fact.getString("status");
            Share share = new Share().sum("count", 1)
                    .sum("active", "LAUNCHED".equals(status) || "APPROVED".equals(status))
                    .sum("approved", fact.getBoolean("approved", false))
                    .sum("completed", "COMPLETED".equals(status))
                    .sum("terminated", "TERMINATED".equals(status));
            Document partners = fact.get("partners", Document.class);
            long all = 0;
            for (String type : AnalyticsCatalogue.PARTNER_TYPES) {
                long n = partners == null ? 0 : partners.getInteger(type, 0);
                share.sum(AnalyticsCatalogue.partnerMeasure(type), n);
                all += n;
            }
            long allocated = fact.getLong("allocatedYen");
            long spent = fact.getLong("spentYen");
            return share.sum("partners", all)
                    .sum("agreements", fact.getInteger("agreements", 0))
                    .sum("allocatedYen", allocated)
                    .sum("spentYen", spent)
                    .sum("remainingYen", allocated - spent)
                    .sum("targets", fact.getInteger("targetCount", 0))
                    .sum("targetValues", fact.getInteger("targetValues", 0))
                    .sum("actualsRecorded", fact.getInteger("actualsRecorded", 0))
                    .sum("targetsMet", fact.getInteger("targetsMet", 0)).amounts;
        }

        @Override
        public void add(Document cell, String value) {
            AnalyticsCatalogue.PROJECT_MEASURES.forEach(measure ->
                    sums.merge(measure, sum(cell, measure), Math::addExact));
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            AnalyticsCatalogue.PROJECT_MEASURES.forEach(measure -> m.put(measure, sums.getOrDefault(measure, 0L)));
            return m;
        }
    }

    /** {@code budgets}: one fact per ward budget; the ratios are taken of the group's sums. */
    static final class BudgetFigures implements Accumulator {

        private static final List<String> SUMS = List.of("envelopeYen", "reservedYen", "allocatedYen",
                "returnedYen", "spentYen", "availableYen", "projects");

        private final Map<String, Long> sums = new LinkedHashMap<>();

        static Map<String, Long> share(Document fact) {
            return new Share().sum("envelopeYen", fact.getLong("envelopeYen"))
                    .sum("reservedYen", fact.getLong("reservedYen"))
                    .sum("allocatedYen", fact.getLong("allocatedYen"))
                    .sum("returnedYen", fact.getLong("returnedYen"))
                    .sum("spentYen", fact.getLong("spentYen"))
                    .sum("availableYen", fact.getLong("availableYen"))
                    .sum("projects", fact.getInteger("projectCount", 0)).amounts;
        }

        @Override
        public void add(Document cell, String value) {
            SUMS.forEach(measure -> sums.merge(measure, sum(cell, measure), Math::addExact));
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            SUMS.subList(0, 6).forEach(measure -> m.put(measure, sums.getOrDefault(measure, 0L)));
            long envelope = sums.getOrDefault("envelopeYen", 0L);
            m.put("utilisation", ratio(sums.getOrDefault("spentYen", 0L), envelope));
            m.put("allocationRate", ratio(sums.getOrDefault("allocatedYen", 0L), envelope));
            m.put("projects", sums.getOrDefault("projects", 0L));
            return m;
        }

        /** Four decimal places, half up; null without an envelope. */
        static BigDecimal ratio(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
        }
    }

    /**
     * {@code meetings/participation}: one fact per meeting; a cell keeps its opinions per theme as
     * {@code v_<i>}, i the theme's position in the cell's {@code themes} (every opinion's theme is
     * one of them), so that grouped or filtered by a theme only that theme's opinions count.
     */
    static final class MeetingParticipation implements Accumulator {

        private static final List<String> COUNTS = List.of("meetings", "held", "cancelled", "registrations",
                "attendance", "resolutionsPassed", "resolutionsFailed");

        private final Map<String, Long> sums = new LinkedHashMap<>();
        private long opinions;

        static Map<String, Long> share(Document fact) {
            Share share = new Share().sum("meetings", 1)
                    .sum("held", fact.getBoolean("held", false))
                    .sum("cancelled", fact.getBoolean("cancelled", false))
                    .sum("registrations", fact.getInteger("registrations", 0))
                    .sum("attendance", fact.getInteger("attendance", 0))
                    .sum("opinions", fact.getInteger("opinions", 0))
                    .sum("resolutionsPassed", fact.getInteger("resolutionsPassed", 0))
                    .sum("resolutionsFailed", fact.getInteger("resolutionsFailed", 0));
            List<String> themes = fact.getList("themes", String.class, List.of());
            fact.getList("opinionsByTheme", Document.class, List.of()).forEach(t ->
                    share.perValue(themes.indexOf(t.getString("theme")), t.getInteger("count")));
            return share.amounts;
        }

        @Override
        public void add(Document cell, String theme) {
            COUNTS.forEach(measure -> sums.merge(measure, sum(cell, measure), Math::addExact));
            if (theme == null) {
                opinions += sum(cell, "opinions");
            } else {
                int position = cell.getList("themes", String.class, List.of()).indexOf(theme);
                opinions += position < 0 ? 0 : amount(cell, Cells.PER_VALUE + position);
            }
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            COUNTS.subList(0, 5).forEach(measure -> m.put(measure, sums.getOrDefault(measure, 0L)));
            long passed = sums.getOrDefault("resolutionsPassed", 0L);
            long failed = sums.getOrDefault("resolutionsFailed", 0L);
            m.put("opinions", opinions);
            m.put("resolutions", passed + failed);
            m.put("resolutionsPassed", passed);
            m.put("resolutionsFailed", failed);
            return m;
        }
    }

    /** {@code decisions}: one fact per decision. */
    static final class DecisionCounts implements Accumulator {

        private long count;

        static Map<String, Long> share(Document fact) {
            return new Share().sum("count", 1).amounts;
        }

        @Override
        public void add(Document cell, String value) {
            count += sum(cell, "count");
        }

        @Override
        public Map<String, Object> measures() {
            return Map.of("count", count);
        }
    }
}
