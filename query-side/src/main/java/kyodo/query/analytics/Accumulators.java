package kyodo.query.analytics;

import org.bson.Document;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How each read model adds its facts up. Every measure is a sum or a count over the facts of a
 * group, or derived from such sums (ratios, percentiles), never an average of averages, so a row
 * is the same whichever way the other rows are grouped.
 */
final class Accumulators {

    private Accumulators() {
    }

    /** {@code proposals/summary}: one fact per proposal, counted once under each of its themes. */
    static final class ProposalSummary implements Accumulator {

        private long received;
        private long acknowledged;
        private long decided;
        private long accepted;
        private long rejected;
        private long withdrawn;
        private long open;
        private long overdue;
        private long answeredLate;
        private final List<Integer> days = new ArrayList<>();

        @Override
        public void add(Document fact, String theme) {
            received++;
            if (fact.getBoolean("acknowledged", false)) {
                acknowledged++;
            }
            String outcome = fact.getString("outcome");
            boolean isWithdrawn = fact.getBoolean("withdrawn", false);
            if (outcome != null) {
                decided++;
                if ("ACCEPTED".equals(outcome)) {
                    accepted++;
                } else {
                    rejected++;
                }
                if (fact.getBoolean("answeredLate", false)) {
                    answeredLate++;
                }
                Integer daysToAnswer = fact.getInteger("daysToAnswer");
                if (daysToAnswer != null) {
                    days.add(daysToAnswer);
                }
            } else if (isWithdrawn) {
                withdrawn++;
            } else {
                open++;
                if (fact.getBoolean("overdue", false)) {
                    overdue++;
                }
            }
        }

        @Override
        public Map<String, Object> measures() {
            Collections.sort(days);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("received", received);
            m.put("acknowledged", acknowledged);
            m.put("decided", decided);
            m.put("accepted", accepted);
            m.put("rejected", rejected);
            m.put("withdrawn", withdrawn);
            m.put("open", open);
            m.put("overdue", overdue);
            m.put("answeredLate", answeredLate);
            m.put("medianDaysToAnswer", Percentiles.median(days));
            m.put("p90DaysToAnswer", Percentiles.p90(days));
            return m;
        }
    }

    /** {@code projects/counts}: one fact per project. */
    static final class ProjectCounts implements Accumulator {

        private final Map<String, Long> sums = new LinkedHashMap<>();

        @Override
        public void add(Document fact, String value) {
            String status = fact.getString("status");
            inc("count", 1);
            inc("active", "LAUNCHED".equals(status) || "APPROVED".equals(status) ? 1 : 0);
            inc("approved", fact.getBoolean("approved", false) ? 1 : 0);
            inc("completed", "COMPLETED".equals(status) ? 1 : 0);
            inc("terminated", "TERMINATED".equals(status) ? 1 : 0);
            Document partners = fact.get("partners", Document.class);
            long all = 0;
            for (String type : AnalyticsCatalogue.PARTNER_TYPES) {
                long n = partners == null ? 0 : partners.getInteger(type, 0);
                inc(AnalyticsCatalogue.partnerMeasure(type), n);
                all += n;
            }
            inc("partners", all);
            inc("agreements", fact.getInteger("agreements", 0));
            long allocated = fact.getLong("allocatedYen");
            long spent = fact.getLong("spentYen");
            inc("allocatedYen", allocated);
            inc("spentYen", spent);
            inc("remainingYen", allocated - spent);
            inc("targets", fact.getInteger("targetCount", 0));
            inc("targetValues", fact.getInteger("targetValues", 0));
            inc("actualsRecorded", fact.getInteger("actualsRecorded", 0));
            inc("targetsMet", fact.getInteger("targetsMet", 0));
        }

        private void inc(String name, long by) {
            sums.merge(name, by, Math::addExact);
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

        private long envelope;
        private long reserved;
        private long allocated;
        private long returned;
        private long spent;
        private long available;
        private long projects;

        @Override
        public void add(Document fact, String value) {
            envelope = Math.addExact(envelope, fact.getLong("envelopeYen"));
            reserved = Math.addExact(reserved, fact.getLong("reservedYen"));
            allocated = Math.addExact(allocated, fact.getLong("allocatedYen"));
            returned = Math.addExact(returned, fact.getLong("returnedYen"));
            spent = Math.addExact(spent, fact.getLong("spentYen"));
            available = Math.addExact(available, fact.getLong("availableYen"));
            projects += fact.getInteger("projectCount", 0);
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("envelopeYen", envelope);
            m.put("reservedYen", reserved);
            m.put("allocatedYen", allocated);
            m.put("returnedYen", returned);
            m.put("spentYen", spent);
            m.put("availableYen", available);
            m.put("utilisation", ratio(spent, envelope));
            m.put("allocationRate", ratio(allocated, envelope));
            m.put("projects", projects);
            return m;
        }

        /** Four decimal places, half up; null without an envelope. */
        static BigDecimal ratio(long part, long whole) {
            return whole == 0 ? null
                    : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
        }
    }

    /** {@code meetings/participation}: one fact per meeting; opinions split by theme when asked. */
    static final class MeetingParticipation implements Accumulator {

        private long meetings;
        private long held;
        private long cancelled;
        private long registrations;
        private long attendance;
        private long opinions;
        private long passed;
        private long failed;

        @Override
        public void add(Document fact, String theme) {
            meetings++;
            if (fact.getBoolean("held", false)) {
                held++;
            }
            if (fact.getBoolean("cancelled", false)) {
                cancelled++;
            }
            registrations += fact.getInteger("registrations", 0);
            attendance += fact.getInteger("attendance", 0);
            if (theme == null) {
                opinions += fact.getInteger("opinions", 0);
            } else {
                opinions += fact.getList("opinionsByTheme", Document.class, List.of()).stream()
                        .filter(t -> theme.equals(t.getString("theme")))
                        .mapToInt(t -> t.getInteger("count")).sum();
            }
            passed += fact.getInteger("resolutionsPassed", 0);
            failed += fact.getInteger("resolutionsFailed", 0);
        }

        @Override
        public Map<String, Object> measures() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("meetings", meetings);
            m.put("held", held);
            m.put("cancelled", cancelled);
            m.put("registrations", registrations);
            m.put("attendance", attendance);
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

        @Override
        public void add(Document fact, String value) {
            count++;
        }

        @Override
        public Map<String, Object> measures() {
            return Map.of("count", count);
        }
    }
}
