package kyodo.query.budget;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.WriteModel;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.BudgetEnvelopeSet;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.FundsReleased;
import kyodo.kernel.project.FundsReserved;
import kyodo.query.platform.BatchedProjection;
import kyodo.query.platform.BatchedWrites;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.ReadStoreWriteException;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MessageIdentifier;
import org.axonframework.messaging.annotation.SourceId;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import static kyodo.query.platform.TimelineEntries.role;

/**
 * Projects the money of ward budgets into the {@code ward_budgets} collection: one document per
 * budget ({@code saiwai-2025}) with its envelope and the envelope's history, the reservations and
 * releases the budget recorded, the allocations and spending of the projects it funds, and the
 * totals derived from them in whole yen (see {@link WardBudget}).
 * <p>
 * The budget's own events and its projects' events feed the same document, and a pooled processor
 * may handle them in different segments at the same time; the events of one aggregate come in their
 * order, in one segment. So each event is applied at most once by its aggregate and sequence number (the
 * document keeps the highest applied per aggregate), and a document is replaced only if it still counts
 * as many applied events as when it was read: otherwise another segment wrote it in between, and the
 * batch reads it again and re-applies its own events on top.
 * <p>
 * A project's spending counts against the budget its allocation came from (a project is funded
 * from one ward budget); the link is learnt from {@link BudgetAllocated}, which the same project
 * recorded before it spent anything.
 */
@Component
@ProcessingGroup(WardBudgetProjection.GROUP)
class WardBudgetProjection extends BatchedProjection<WardBudgetProjection.Batch> {

    static final String GROUP = "ward-budget-views";
    static final String COLLECTION = "ward_budgets";
    /** Fields lists filter on, and the project → budget link an expenditure is counted by. */
    static final List<String> INDEXED = List.of("fiscalYear", "ward", "projects.projectId");
    /** Rounds of re-reading after concurrent writes before the batch fails (and is retried by the processor). */
    static final int MAX_ATTEMPTS = 10;

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);

    WardBudgetProjection(ReadStore store) {
        super(store, COLLECTION, Batch::new);
        // Once at start-up; creating an existing index is a no-op.
        INDEXED.forEach(field -> documents().createIndex(Indexes.ascending(field)));
    }

    @EventHandler
    void on(BudgetEnvelopeSet event, @SourceId String source, @SequenceNumber long sequence,
            @MessageIdentifier String eventId) {
        Decision decision = event.decision();
        write(batch -> batch.change(event.budgetId(), new Source(source, sequence, eventId), budget -> {
            budget.seen(sequence);
            budget.envelopeSet(event.ward().code(), event.fiscalYear().startYear(), event.envelope().amount(),
                    decision.reason(), role(decision.decidedBy()), decision.decisionId(), decision.decidedAt());
        }));
    }

    @EventHandler
    void on(FundsReserved event, @SourceId String source, @SequenceNumber long sequence,
            @MessageIdentifier String eventId) {
        write(batch -> batch.change(event.budgetId(), new Source(source, sequence, eventId), budget -> {
            budget.seen(sequence);
            budget.reserved(event.allocationId(), event.projectId(), event.amount().amount(), event.reservedAt());
        }));
    }

    @EventHandler
    void on(FundsReleased event, @SourceId String source, @SequenceNumber long sequence,
            @MessageIdentifier String eventId) {
        write(batch -> batch.change(event.budgetId(), new Source(source, sequence, eventId), budget -> {
            budget.seen(sequence);
            budget.released(event.releaseId(), event.projectId(), event.amount().amount(), event.reason(),
                    event.releasedAt());
        }));
    }

    @EventHandler
    void on(BudgetAllocated event, @SourceId String source, @SequenceNumber long sequence,
            @MessageIdentifier String eventId) {
        write(batch -> {
            batch.projectBudgets.putIfAbsent(event.projectId(), event.budgetId());
            batch.change(event.budgetId(), new Source(source, sequence, eventId),
                    budget -> budget.allocated(event.projectId(), event.amount().amount()));
        });
    }

    @EventHandler
    void on(ExpenditureRecorded event, @SourceId String source, @SequenceNumber long sequence,
            @MessageIdentifier String eventId) {
        write(batch -> {
            String budgetId = batch.budgetOf(event.projectId());
            if (budgetId == null) {
                return; // spent without an allocation: no budget to count it against
            }
            batch.change(budgetId, new Source(source, sequence, eventId),
                    budget -> budget.spent(event.projectId(), event.amount().amount()));
        });
    }

    /** Where an event comes from: its aggregate and sequence number (and its identifier, for first-shape documents). */
    private record Source(String aggregate, long sequence, String eventId) {

        void apply(WardBudget budget, Consumer<WardBudget> change) {
            budget.apply(aggregate, sequence, eventId, change);
        }
    }

    /** A change waiting to be written, kept so it can be applied again on a re-read document. */
    private record Pending(Source source, Consumer<WardBudget> change) {
    }

    /**
     * A budget as read (with how many events it counted then, and whether it was stored with that count), as
     * changed since, and the changes not yet written.
     */
    private static final class Slot {

        private WardBudget state;
        private long stored;
        private boolean counted;
        private final List<Pending> pending = new ArrayList<>();

        Slot(Document doc, WardBudget state) {
            this.state = state;
            this.stored = state.changes();
            this.counted = doc == null || doc.containsKey("changes");
        }

        boolean changed() {
            return state.changes() > stored;
        }

        /** Matches the stored document only if no other writer changed it since it was read. */
        Bson unchanged() {
            return Filters.and(Filters.eq("_id", state.id()), counted ? Filters.eq("changes", stored)
                    : Filters.and(Filters.exists("changes", false), Filters.size("applied", (int) stored)));
        }
    }

    /**
     * The budgets a batch changes, each read once (when the batch first needs it) and written once
     * with the batch's last event; and the budget each project seen in the batch is funded from.
     */
    static final class Batch implements BatchedWrites.Batch {

        private final ReadCollection budgets;
        private final Map<String, Slot> slots = new LinkedHashMap<>();
        private final Map<String, String> projectBudgets = new HashMap<>();

        Batch(ReadCollection budgets) {
            this.budgets = budgets;
        }

        void change(String budgetId, Source source, Consumer<WardBudget> change) {
            Slot slot = slots.computeIfAbsent(budgetId, this::read);
            slot.pending.add(new Pending(source, change));
            source.apply(slot.state, change);
        }

        /** The budget the project's allocations come from, or null when it has none. */
        String budgetOf(String projectId) {
            return projectBudgets.computeIfAbsent(projectId, id -> {
                Document doc = budgets.find(Filters.eq("projects.projectId", id))
                        .projection(Projections.include("_id")).sort(Sorts.ascending("_id")).first();
                return doc == null ? null : doc.getString("_id");
            });
        }

        private Slot read(String budgetId) {
            Document doc = budgets.find(Filters.eq("_id", budgetId)).first();
            return new Slot(doc, doc == null ? WardBudget.empty(budgetId) : WardBudget.of(doc));
        }

        /**
         * Replaces each changed budget if it still holds what it held when read; re-reads those another
         * writer changed in between, re-applies this batch's events on top, and tries again.
         */
        @Override
        public void flush() {
            for (int attempt = 1; ; attempt++) {
                List<Slot> changed = slots.values().stream().filter(Slot::changed).toList();
                if (changed.isEmpty()) {
                    slots.values().forEach(slot -> slot.pending.clear());
                    return;
                }
                List<WriteModel<Document>> writes = changed.stream()
                        .<WriteModel<Document>>map(slot -> new ReplaceOneModel<>(slot.unchanged(),
                                slot.state.toDocument(), UPSERT))
                        .toList();
                Set<Integer> conflicts = new HashSet<>();
                try {
                    budgets.bulkWrite(writes, false);
                } catch (ReadStoreWriteException e) {
                    if (!e.onlyDuplicateKeys()) {
                        throw e;
                    }
                    // Not matched, so the upsert tried to insert: the stored document moved on.
                    e.failures().forEach(failure -> conflicts.add(failure.index()));
                    if (attempt >= MAX_ATTEMPTS) {
                        throw e;
                    }
                }
                for (int i = 0; i < changed.size(); i++) {
                    Slot slot = changed.get(i);
                    if (conflicts.contains(i)) {
                        Slot fresh = read(slot.state.id());
                        slot.state = fresh.state;
                        slot.stored = fresh.stored;
                        slot.counted = fresh.counted;
                        slot.pending.forEach(p -> p.source().apply(slot.state, p.change()));
                    } else {
                        slot.stored = slot.state.changes();
                        slot.counted = true;
                        slot.pending.clear();
                    }
                }
            }
        }
    }
}
