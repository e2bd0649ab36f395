package kyodo.query.project;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
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
import kyodo.query.platform.BatchedWrites;
import kyodo.query.platform.WriteBatch;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.search.SearchTokens;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Replay-safe like the proposal projection: a launch only inserts ({@code $setOnInsert}); every
 * later update matches only a document whose {@code version} is below the event's aggregate
 * sequence number and sets it to that number, so an event seen twice changes nothing and
 * replaying twice gives the same documents. Within a processor batch the writes are collected and
 * sent as one ordered {@code bulkWrite} with the batch's last event; outside a unit of work each
 * event is written at once.
 */
@Component
@ProcessingGroup(ProjectProjection.GROUP)
class ProjectProjection {

    static final String GROUP = "project-views";
    static final String COLLECTION = "projects";
    /** Fields lists filter on by equality, and the order they sort in. */
    static final List<String> FILTERS = List.of("ward", "fiscalYear", "programme", "status", "theme");
    static final List<String> ORDERS = List.of("launchedAt");

    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReadCollection projects;
    private final BatchedWrites<Batch> batches;

    ProjectProjection(ReadStore store) {
        this.projects = store.collection(COLLECTION);
        this.batches = new BatchedWrites<>(ProjectProjection.class, projects, Batch::new);
        // Once at start-up; creating an existing index is a no-op.
        ListIndexes.declare(projects, null, FILTERS, ORDERS, "searchTokens");
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
        batches.write(batch -> {
            batch.states.put(event.projectId(), new State(new LinkedHashMap<>(), new ArrayList<>()));
            // Insert-only: a replayed launch finds the document there and cannot roll it back.
            batch.add(new UpdateOneModel<>(Filters.eq("_id", event.projectId()),
                    new Document("$setOnInsert", doc), UPSERT));
        });
    }

    @EventHandler
    void on(PartnerAdded event, @SequenceNumber long sequence) {
        batches.write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return; // no document to add to: the update would match nothing
            }
            state.partners().put(event.partnerId(), event.name());
            batch.add(updateModel(event.projectId(), sequence, new Change()
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
        batches.write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            List<Document> parties = event.partyIds().stream()
                    .map(id -> new Document("partnerId", id).append("name", state.partners().get(id)))
                    .toList();
            batch.add(updateModel(event.projectId(), sequence, new Change()
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
        update(event.projectId(), sequence, new Change()
                .set("status", ProjectStatus.APPROVED.name())
                .set("approval", new Document("reason", decision.reason())
                        .append("role", role(decision.decidedBy()))
                        .append("at", Date.from(decision.decidedAt())))
                .push("timeline", decisionEntry(sequence, "APPROVED", decision)));
    }

    @EventHandler
    void on(BudgetAllocated event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        long amount = event.amount().amount();
        update(event.projectId(), sequence, new Change()
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
        update(event.projectId(), sequence, new Change()
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
        batches.write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            TreeMap<Integer, Long> values = new TreeMap<>(event.targets() == null ? Map.of() : event.targets());
            Target before = state.target(event.name());
            Target after = new Target(event.name(), event.unit(), event.baseline(), values,
                    before == null ? new TreeMap<>() : before.actuals());
            state.put(after);
            batch.add(updateModel(event.projectId(), sequence, new Change()
                    .set("targets", state.targetDocuments())
                    .push("timeline", entry(sequence, "TARGET_SET", event.setAt(), role(event.setBy()),
                            "target", event.name()))));
        });
    }

    @EventHandler
    void on(ActualRecorded event, @SequenceNumber long sequence) {
        batches.write(batch -> {
            State state = batch.state(event.projectId());
            if (state == null) {
                return;
            }
            Change change = new Change();
            Target target = state.target(event.target());
            if (target != null) {
                target.actuals().put(event.fiscalYear(), event.value());
                change.set("targets", state.targetDocuments());
            }
            batch.add(updateModel(event.projectId(), sequence, change
                    .push("timeline", entry(sequence, "ACTUAL_RECORDED", event.recordedAt(),
                            role(event.recordedBy()), "target", event.target(), "fiscalYear", event.fiscalYear(),
                            "value", event.value()))));
        });
    }

    @EventHandler
    void on(ProgressReported event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, new Change()
                .push("progressReports", new Document("text", event.text())
                        .append("at", Date.from(event.reportedAt())))
                .push("timeline", entry(sequence, "PROGRESS_REPORTED", event.reportedAt(), role(event.reportedBy()),
                        "text", event.text())));
    }

    @EventHandler
    void on(SelfEvaluated event, @SequenceNumber long sequence) {
        update(event.projectId(), sequence, new Change()
                .set("evaluation", new Document("rating", event.rating())
                        .append("text", event.text())
                        .append("at", Date.from(event.evaluatedAt())))
                .push("timeline", entry(sequence, "SELF_EVALUATED", event.evaluatedAt(), role(event.evaluatedBy()),
                        "rating", event.rating(), "text", event.text())));
    }

    @EventHandler
    void on(ProjectCompleted event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        update(event.projectId(), sequence, new Change()
                .set("status", ProjectStatus.COMPLETED.name())
                .set("completion", new Document("summary", decision.reason())
                        .append("at", Date.from(decision.decidedAt())))
                .push("timeline", decisionEntry(sequence, "COMPLETED", decision)));
    }

    @EventHandler
    void on(ProjectTerminated event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        long unspent = event.unspent() == null ? 0L : event.unspent().amount();
        update(event.projectId(), sequence, new Change()
                .set("status", ProjectStatus.TERMINATED.name())
                .set("termination", new Document("reason", decision.reason())
                        .append("unspentYen", unspent)
                        .append("at", Date.from(decision.decidedAt())))
                .push("timeline", decisionEntry(sequence, "TERMINATED", decision, "amountYen", unspent)));
    }

    @ResetHandler
    void reset() {
        projects.deleteMany(new Document());
    }

    private void update(String projectId, long sequence, Change change) {
        batches.write(batch -> batch.add(updateModel(projectId, sequence, change)));
    }

    /** Applies only to a document that has not seen this sequence number yet. */
    private static WriteModel<Document> updateModel(String projectId, long sequence, Change change) {
        Bson notYetApplied = Filters.and(Filters.eq("_id", projectId), Filters.lt("version", sequence));
        return new UpdateOneModel<>(notYetApplied, change.toUpdate(sequence));
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

    /** One update of one document: the operators it needs, the version always set. */
    private static final class Change {

        private final Document set = new Document();
        private final Document push = new Document();
        private final Document inc = new Document();

        Change set(String field, Object value) {
            set.append(field, value);
            return this;
        }

        Change push(String field, Document value) {
            push.append(field, value);
            return this;
        }

        Change inc(String field, long by) {
            inc.append(field, by);
            return this;
        }

        Document toUpdate(long sequence) {
            Document update = new Document("$set", new Document(set).append("version", sequence));
            if (!push.isEmpty()) {
                update.append("$push", push);
            }
            if (!inc.isEmpty()) {
                update.append("$inc", inc);
            }
            return update;
        }
    }

    /** A target with its values per fiscal year (start year), in year order. */
    private record Target(String name, String unit, long baseline, TreeMap<Integer, Long> targets,
                          TreeMap<Integer, Long> actuals) {

        Document toDocument() {
            return new Document("name", name).append("unit", unit).append("baseline", baseline)
                    .append("targets", byYear(targets)).append("actuals", byYear(actuals));
        }

        static Target of(Document doc) {
            return new Target(doc.getString("name"), doc.getString("unit"),
                    ((Number) doc.get("baseline")).longValue(), years(doc.get("targets", Document.class)),
                    years(doc.get("actuals", Document.class)));
        }

        private static Document byYear(Map<Integer, Long> values) {
            Document doc = new Document();
            values.forEach((year, value) -> doc.append(Integer.toString(year), value));
            return doc;
        }

        private static TreeMap<Integer, Long> years(Document doc) {
            TreeMap<Integer, Long> values = new TreeMap<>();
            if (doc != null) {
                doc.forEach((year, value) -> values.put(Integer.valueOf(year), ((Number) value).longValue()));
            }
            return values;
        }
    }

    /**
     * What later events of a project need from earlier ones: its partners' names (to name the
     * parties of an agreement) and its targets (a target is set, reset and given actuals by name).
     */
    private record State(Map<String, String> partners, List<Target> targets) {

        Target target(String name) {
            return targets.stream().filter(t -> t.name().equals(name)).findFirst().orElse(null);
        }

        /** Replaces the target of that name where it stands, or adds it at the end. */
        void put(Target target) {
            for (int i = 0; i < targets.size(); i++) {
                if (targets.get(i).name().equals(target.name())) {
                    targets.set(i, target);
                    return;
                }
            }
            targets.add(target);
        }

        List<Document> targetDocuments() {
            return targets.stream().map(Target::toDocument).toList();
        }
    }

    /**
     * Writes waiting for one bulkWrite, and the partners and targets of the projects they touch as
     * they stand after them (read from the collection the first time a project needs them, then kept
     * up to date).
     */
    private static final class Batch extends WriteBatch {

        private final Map<String, State> states = new HashMap<>();

        Batch(ReadCollection projects) {
            super(projects);
        }

        State state(String projectId) {
            return states.computeIfAbsent(projectId, id -> {
                Document doc = collection().find(Filters.eq("_id", id))
                        .projection(Projections.include("partners", "targets")).first();
                if (doc == null) {
                    return null;
                }
                Map<String, String> partners = new LinkedHashMap<>();
                doc.getList("partners", Document.class, List.of())
                        .forEach(p -> partners.put(p.getString("partnerId"), p.getString("name")));
                List<Target> targets = new ArrayList<>(doc.getList("targets", Document.class, List.of()).stream()
                        .map(Target::of).toList());
                return new State(partners, targets);
            });
        }
    }
}
