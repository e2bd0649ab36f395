package kyodo.query.project;

import kyodo.kernel.decision.Decision;
import kyodo.kernel.project.ActualRecorded;
import kyodo.kernel.project.AgreementSigned;
import kyodo.kernel.project.BudgetAllocated;
import kyodo.kernel.project.ExpenditureRecorded;
import kyodo.kernel.project.PartnerAdded;
import kyodo.kernel.project.ProgressReported;
import kyodo.kernel.project.ProjectApproved;
import kyodo.kernel.project.ProjectCompleted;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.project.ProjectOrigin;
import kyodo.kernel.project.ProjectTerminated;
import kyodo.kernel.project.SelfEvaluated;
import kyodo.kernel.project.TargetSet;
import kyodo.query.platform.DocumentChange;
import kyodo.query.platform.DocumentProjection;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.project.ProjectBatch.State;
import kyodo.query.project.ProjectBatch.Target;
import kyodo.query.search.SearchTokens;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static kyodo.query.platform.TimelineEntries.entry;
import static kyodo.query.platform.TimelineEntries.role;

/**
 * Projects collaborative-project events into the {@code projects} collection: one document per
 * project with its partners, agreements (parties named), approval, allocations, expenditures and
 * the money left ({@code remainingYen = allocatedYen − spentYen}, exact in whole yen), its targets
 * with the actual value reached per fiscal year, progress reports, self-evaluation, completion or
 * termination, the {@code searchTokens} behind {@code ?q=} (title, theme) and a public
 * {@code timeline} (roles only, never staff ids).
 * <p>
 * Replay-safe by the aggregate's sequence number, written in batches ({@link DocumentProjection}).
 */
@Component
@ProcessingGroup(ProjectProjection.GROUP)
class ProjectProjection extends DocumentProjection<ProjectBatch> {

    static final String GROUP = "project-views";
    static final String COLLECTION = "projects";
    /** Fields lists filter on by equality, and the order they sort in. */
    static final List<String> FILTERS = List.of("ward", "fiscalYear", "programme", "status", "theme");
    static final List<String> ORDERS = List.of("launchedAt");

    ProjectProjection(ReadStore store) {
        super(store, COLLECTION, ProjectBatch::new);
        // Once at start-up; creating an existing index is a no-op.
        ListIndexes.declare(documents(), null, FILTERS, ORDERS, "searchTokens");
    }

    @EventHandler
    void on(ProjectLaunched event, @SequenceNumber long sequence) {
        ProjectOrigin origin = event.origin() == null ? ProjectOrigin.DEPARTMENT_INITIATIVE : event.origin();
        Document doc = new Document("version", sequence)
                .append("ward", event.ward() == null ? null : event.ward().code())
                .append("fiscalYear", event.fiscalYear().startYear())
                .append("title", event.title())
                .append("theme", event.theme())
                .append("programme", event.programme().name())
                .append("origin", new Document("proposalId", origin.proposalId())
                        .append("meetingId", origin.meetingId())
                        .append("resolutionId", origin.resolutionId()))
                .append("leadDepartment", event.leadDepartment())
                .append("status", ProjectStatus.LAUNCHED.name())
                .append("launchedAt", Date.from(event.launchedAt()))
                .append("partners", List.of())
                .append("agreements", List.of())
                .append("allocations", List.of())
                .append("allocatedYen", 0L)
                .append("expenditures", List.of())
                .append("spentYen", 0L)
                .append("remainingYen", 0L)
                .append("targets", List.of())
                .append("progressReports", List.of())
                .append("searchTokens", SearchTokens.ofDocument(event.title(), event.theme()))
                .append("timeline", List.of(entry(sequence, "LAUNCHED", event.launchedAt(),
                        role(event.launchedBy()))));
        write(batch -> {
            batch.launched(event.projectId());
            batch.add(created(event.projectId(), doc));
        });
    }

    @EventHandler
    void on(PartnerAdded event, @SequenceNumber long sequence) {
        write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return; // no document to add to: the update would match nothing
            }
            state.partners().put(event.partnerId(), event.name());
            batch.add(updated(event.projectId(), sequence, new DocumentChange()
                    .push("partners", new Document("partnerId", event.partnerId())
                            .append("name", event.name())
                            .append("type", event.type().name())
                            .append("role", event.role()))
                    .push("timeline", entry(sequence, "PARTNER_ADDED", event.addedAt(), role(event.addedBy()),
                            "partnerId", event.partnerId(), "partner", event.name()))));
        });
    }

    @EventHandler
    void on(AgreementSigned event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            List<Document> parties = event.partyIds().stream()
                    .map(id -> new Document("partnerId", id).append("name", state.partners().get(id)))
                    .toList();
            batch.add(updated(event.projectId(), sequence, new DocumentChange()
                    .push("agreements", new Document("agreementId", event.agreementId())
                            .append("title", event.title())
                            .append("parties", parties)
                            .append("signedOn", event.signedOn().toString())
                            .append("reason", decision.reason())
                            .append("role", role(decision.decidedBy())))
                    .push("timeline", decisionEntry(sequence, "AGREEMENT_SIGNED", decision,
                            "agreementId", event.agreementId(), "title", event.title()))));
        });
    }

    @EventHandler
    void on(ProjectApproved event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        decided(event.projectId(), sequence, ProjectStatus.APPROVED, decision, "approval",
                new Document("reason", decision.reason()).append("role", role(decision.decidedBy())));
    }

    @EventHandler
    void on(BudgetAllocated event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        long amount = event.amount().amount();
        update(event.projectId(), sequence, new DocumentChange()
                .push("allocations", new Document("allocationId", event.allocationId())
                        .append("budgetId", event.budgetId())
                        .append("amountYen", amount)
                        .append("reason", decision.reason())
                        .append("role", role(decision.decidedBy()))
                        .append("at", Date.from(decision.decidedAt())))
                .inc("allocatedYen", amount)
                .inc("remainingYen", amount)
                .push("timeline", decisionEntry(sequence, "BUDGET_ALLOCATED", decision, "amountYen", amount)));
    }

    @EventHandler
    void on(ExpenditureRecorded event, @SequenceNumber long sequence) {
        long amount = event.amount().amount();
        update(event.projectId(), sequence, new DocumentChange()
                .push("expenditures", new Document("expenditureId", event.expenditureId())
                        .append("amountYen", amount)
                        .append("description", event.description())
                        .append("spentOn", event.spentOn().toString()))
                .inc("spentYen", amount)
                .inc("remainingYen", -amount)
                .push("timeline", entry(sequence, "EXPENDITURE_RECORDED", event.recordedAt(),
                        role(event.recordedBy()), "amountYen", amount, "text", event.description())));
    }

    @EventHandler
    void on(TargetSet event, @SequenceNumber long sequence) {
        write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            TreeMap<Integer, Long> values = new TreeMap<>(event.targets() == null ? Map.of() : event.targets());
            Target before = state.target(event.name());
            Target after = new Target(event.name(), event.unit(), event.baseline(), values,
                    before == null ? new TreeMap<>() : before.actuals());
            state.put(after);
            batch.add(updated(event.projectId(), sequence, new DocumentChange()
                    .set("targets", state.targetDocuments())
                    .push("timeline", entry(sequence, "TARGET_SET", event.setAt(), role(event.setBy()),
                            "target", event.name()))));
        });
    }

    @EventHandler
    void on(ActualRecorded event, @SequenceNumber long sequence) {
        write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            DocumentChange change = new DocumentChange();
            Target target = state.target(event.target());
            if (target != null) {
                target.actuals().put(event.fiscalYear(), event.value());
                change.set("targets", state.targetDocuments());
            }
            batch.add(updated(event.projectId(), sequence, change
                    .push("timeline", entry(sequence, "ACTUAL_RECORDED", event.recordedAt(),
                            role(event.recordedBy()), "target", event.target(), "fiscalYear", event.fiscalYear(),
                            "value", event.value()))));
        });
    }

    @EventHandler
    void on(ProgressReported event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, new DocumentChange()
                .push("progressReports", new Document("text", event.text())
                        .append("at", Date.from(event.reportedAt())))
                .push("timeline", entry(sequence, "PROGRESS_REPORTED", event.reportedAt(), role(event.reportedBy()),
                        "text", event.text())));
    }

    @EventHandler
    void on(SelfEvaluated event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, new DocumentChange()
                .set("evaluation", new Document("rating", event.rating())
                        .append("text", event.text())
                        .append("at", Date.from(event.evaluatedAt())))
                .push("timeline", entry(sequence, "SELF_EVALUATED", event.evaluatedAt(), role(event.evaluatedBy()),
                        "rating", event.rating(), "text", event.text())));
    }

    @EventHandler
    void on(ProjectCompleted event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        decided(event.projectId(), sequence, ProjectStatus.COMPLETED, decision, "completion",
                new Document("summary", decision.reason()));
    }

    @EventHandler
    void on(ProjectTerminated event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        long unspent = event.unspent() == null ? 0L : event.unspent().amount();
        decided(event.projectId(), sequence, ProjectStatus.TERMINATED, decision, "termination",
                new Document("reason", decision.reason()).append("unspentYen", unspent), "amountYen", unspent);
    }

    /**
     * The project reaches a status by a decision: the status, the decision's record under {@code field}
     * (with its time), and the timeline's step of that status (with {@code optional} pairs).
     */
    private void decided(String projectId, long sequence, ProjectStatus status, Decision decision, String field,
                         Document record, Object... optional) {
        update(projectId, sequence, new DocumentChange()
                .set("status", status.name())
                .set(field, record.append("at", Date.from(decision.decidedAt())))
                .push("timeline", decisionEntry(sequence, status.name(), decision, optional)));
    }

    /** A timeline entry for a decision: its reason, outcome and id (for the public decision log), and the role. */
    private static Document decisionEntry(long sequence, String kind, Decision decision, Object... optional) {
        Object[] all = new Object[optional.length + 6];
        all[0] = "reason";
        all[1] = decision.reason();
        all[2] = "outcome";
        all[3] = decision.outcome().name();
        all[4] = "decisionId";
        all[5] = decision.decisionId();
        System.arraycopy(optional, 0, all, 6, optional.length);
        return entry(sequence, kind, decision.decidedAt(), role(decision.decidedBy()), all);
    }
}
