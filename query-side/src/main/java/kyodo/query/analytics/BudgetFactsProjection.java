package kyodo.query.analytics;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.kernel.Ward;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.query.listing.ListParameters;
import kyodo.query.platform.GlobalOrder;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The facts behind {@code budgets}: one document per ward budget ({@code saiwai-2025}) in
 * {@code analytics_budget_facts} with its envelope, reservations, releases, and the allocations and
 * spending of the projects it funds, with the totals in whole yen.
 * <p>
 * A budget's figures come from its own events and from its projects' events. The projection runs
 * in global order (one segment), so one writer sees them all in order; an event applies once by
 * the sequence numbers the document keeps: {@code version} for the budget's own events, and per
 * project the last sequence number applied. A project's spending counts against the budget its
 * allocation came from.
 * <p>
 * With the facts, in the same batch, it keeps the model's cells in {@code analytics_budget_cells}: what
 * the facts add up to per combination of dimension values, which the rows are read from ({@link Cells});
 * the one segment makes it their only writer too.
 */
@Component
@ProcessingGroup(BudgetFactsProjection.GROUP)
@GlobalOrder
class BudgetFactsProjection extends FactProjection {

    static final String GROUP = "analytics-budget-facts";

    BudgetFactsProjection(ReadStore store) {
        super(store, AnalyticsCatalogue.BUDGETS, List.of("ward", "fiscalYear", "projects.projectId"));
    }

    @EventHandler
    void on(BudgetEnvelopeSet event, @SequenceNumber long sequence) {
        own(event.budgetId(), sequence, fact -> fact.put("envelopeYen", event.envelope().amount()));
    }

    @EventHandler
    void on(FundsReserved event, @SequenceNumber long sequence) {
        own(event.budgetId(), sequence, fact -> {
            fact.put("reservationGrossYen", Math.addExact(fact.getLong("reservationGrossYen"),
                    event.amount().amount()));
            List<String> ids = new ArrayList<>(fact.getList("reservationIds", String.class));
            ids.add(event.allocationId());
            fact.put("reservationIds", ids);
        });
    }

    @EventHandler
    void on(FundsReleased event, @SequenceNumber long sequence) {
        own(event.budgetId(), sequence, fact -> {
            long amount = event.amount().amount();
            if (fact.getList("reservationIds", String.class).contains(event.releaseId())) {
                fact.put("releasedReservationsYen", Math.addExact(fact.getLong("releasedReservationsYen"), amount));
            }
            fact.put("returnedYen", Math.addExact(fact.getLong("returnedYen"), amount));
        });
    }

    @EventHandler
    void on(BudgetAllocated event, @SequenceNumber long sequence) {
        write(batch -> {
            Document fact = batch.get(event.budgetId());
            if (fact == null) {
                fact = empty(event.budgetId());
            }
            project(batch, fact, event.projectId(), sequence, 0, event.amount().amount());
        });
    }

    @EventHandler
    void on(ExpenditureRecorded event, @SequenceNumber long sequence) {
        write(batch -> {
            Document fact = fundingBudget(batch, event.projectId());
            if (fact != null) {
                project(batch, fact, event.projectId(), sequence, 1, event.amount().amount());
            }
        });
    }

    private void own(String budgetId, long sequence, java.util.function.Consumer<Document> change) {
        write(batch -> {
            Document fact = batch.get(budgetId);
            if (fact == null) {
                fact = empty(budgetId);
            }
            Long version = fact.getLong("version");
            if (version != null && sequence <= version) {
                return;
            }
            change.accept(fact);
            fact.put("version", sequence);
            batch.put(totals(fact));
        });
    }

    /** Adds to a project's allocated (index 0) or spent (index 1) money, once per project event. */
    private static void project(FactBatch batch, Document fact, String projectId, long sequence, int index,
                                long amount) {
        List<Document> projects = new ArrayList<>(fact.getList("projects", Document.class));
        Document entry = projects.stream().filter(p -> projectId.equals(p.getString("projectId"))).findFirst()
                .orElse(null);
        if (entry == null) {
            entry = new Document("projectId", projectId).append("seq", -1L).append("allocatedYen", 0L)
                    .append("spentYen", 0L);
            projects.add(entry);
            projects.sort(Comparator.comparing(p -> p.getString("projectId")));
        }
        if (sequence <= entry.getLong("seq")) {
            return;
        }
        String key = index == 0 ? "allocatedYen" : "spentYen";
        entry.append(key, Math.addExact(entry.getLong(key), amount)).append("seq", sequence);
        fact.put("projects", projects);
        batch.put(totals(fact));
    }

    /** The budget the project's allocation came from: as this batch holds it, else as stored. */
    private static Document fundingBudget(FactBatch batch, String projectId) {
        Document held = batch.find(fact -> fact.getList("projects", Document.class).stream()
                .anyMatch(p -> projectId.equals(p.getString("projectId"))));
        if (held != null) {
            return held;
        }
        Document stored = batch.collection().find(Filters.eq("projects.projectId", projectId))
                .projection(Projections.include("_id")).first();
        return stored == null ? null : batch.get(stored.getString("_id"));
    }

    /** A budget no event of its own has reached yet; ward and year read from its id. */
    private static Document empty(String budgetId) {
        int dash = budgetId.lastIndexOf('-');
        String ward = dash < 0 ? null : Ward.fromCode(budgetId.substring(0, dash)).map(Ward::code).orElse(null);
        Integer year = dash < 0 ? null
                : ListParameters.whole(budgetId.substring(dash + 1)).map(Long::intValue).orElse(null);
        return new Document("_id", budgetId).append("version", null).append("ward", ward).append("fiscalYear", year)
                .append("envelopeYen", 0L).append("reservationGrossYen", 0L).append("releasedReservationsYen", 0L)
                .append("returnedYen", 0L).append("reservationIds", List.of()).append("projects", List.of());
    }

    /**
     * The totals, as the ward-budget view defines them: reserved = reservations less released
     * reservations; returned = every release; available = envelope − (reservations − returned);
     * allocated and spent = the sums over the projects it funds.
     */
    static Document totals(Document fact) {
        long allocated = 0;
        long spent = 0;
        for (Document p : fact.getList("projects", Document.class)) {
            allocated = Math.addExact(allocated, p.getLong("allocatedYen"));
            spent = Math.addExact(spent, p.getLong("spentYen"));
        }
        long gross = fact.getLong("reservationGrossYen");
        long returned = fact.getLong("returnedYen");
        return fact.append("reservedYen", gross - fact.getLong("releasedReservationsYen"))
                .append("allocatedYen", allocated)
                .append("spentYen", spent)
                .append("availableYen", fact.getLong("envelopeYen") - (gross - returned))
                .append("projectCount", fact.getList("projects", Document.class).size());
    }
}
