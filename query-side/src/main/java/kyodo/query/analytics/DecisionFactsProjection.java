package kyodo.query.analytics;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionEvent;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.util.List;

/**
 * The facts behind {@code decisions}: one document per decision in
 * {@code analytics_decision_facts}, keyed by the decision id, with its kind, outcome, subject type,
 * ward, and the month and fiscal year it was taken in (Asia/Tokyo). Never the reason, the subject
 * or who decided: those are in the public decision log.
 * <p>
 * Replay-safe: a decision is written once; the same decision again changes nothing.
 * <p>
 * Its cells, kept in the same batch and in one segment as every {@link FactProjection}'s: {@code analytics_decision_cells}.
 */
@Component
@ProcessingGroup(DecisionFactsProjection.GROUP)
class DecisionFactsProjection extends FactProjection {

    static final String GROUP = "analytics-decision-facts";

    DecisionFactsProjection(ReadStore store) {
        super(store, AnalyticsCatalogue.DECISIONS, List.of("kind", "outcome", "ward", "month"));
    }

    @EventHandler
    void on(DecisionEvent event) {
        Decision decision = event.decision();
        LocalDate day = decision.decidedAt().atZone(FiscalYear.TOKYO).toLocalDate();
        create(new Document("_id", decision.decisionId())
                .append("kind", decision.kind().name())
                .append("outcome", decision.outcome().name())
                .append("subjectType", decision.subjectType().code())
                .append("ward", decision.ward() == null ? null : decision.ward().code())
                .append("fiscalYear", FiscalYear.containing(day).startYear())
                .append("month", month(day)));
    }

    /** {@code YYYY-MM} of a day. */
    static String month(LocalDate day) {
        return String.format(java.util.Locale.ROOT, "%04d-%02d", day.getYear(), day.getMonthValue());
    }
}
