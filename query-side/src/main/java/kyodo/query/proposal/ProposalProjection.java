package kyodo.query.proposal;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.WriteModel;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.StaffRef;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.project.ProjectLaunched;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalProgressUpdated;
import kyodo.kernel.proposal.ProposalReferralWithdrawn;
import kyodo.kernel.proposal.ProposalReferredToMeeting;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalRevised;
import kyodo.kernel.proposal.ProposalRevisionRequested;
import kyodo.kernel.proposal.ProposalStatus;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportCount;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.query.platform.DocumentChange;
import kyodo.query.platform.DocumentProjection;
import kyodo.query.platform.StoredSealedData;
import kyodo.query.platform.WriteBatch;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.proposal.support.SupportChanges;
import kyodo.query.search.SearchTokens;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import static kyodo.query.platform.TimelineEntries.entry;
import static kyodo.query.platform.TimelineEntries.role;

/**
 * Projects proposal events into the {@code proposals} collection: one document per proposal with
 * its current state, a public {@code timeline} (roles only, never staff ids or the proposer), the
 * {@code searchTokens} behind {@code ?q=}, and the proposer kept sealed.
 * <p>
 * Replay-safe by the aggregate's sequence number ({@link DocumentProjection}): a creation only
 * inserts, every later update applies only to a document that has not seen its sequence number.
 * <p>
 * A project launched from a proposal adds {@code {projectId, title}} to the proposal's {@code projects}
 * ({@code $addToSet}: idempotent without a version, as the event is the project's, not the
 * proposal's). The processor may handle the project's events before the proposal's (they are in
 * different segments, e.g. during a replay), so the link may create a document holding only
 * {@code projects}; the submission then fills that document in, and views skip documents without a
 * {@code version} until it does.
 * <p>
 * Within an Axon unit of work (a processor batch) the writes of all events are collected and sent
 * as one ordered {@code bulkWrite} when the unit of work prepares to commit; a rolled-back batch
 * writes nothing. Outside a unit of work each event is written at once.
 */
@Component
@ProcessingGroup(ProposalProjection.GROUP)
class ProposalProjection extends DocumentProjection<ProposalProjection.Batch> {

    static final String GROUP = "proposal-views";
    static final String COLLECTION = "proposals";
    /** Set on submission: what lists and views show (a document only a project link created is not). */
    static final String LISTED = "listed";
    /** Fields lists filter on by equality, and the orders they sort in. */
    static final List<String> FILTERS = List.of("ward", "status", "fiscalYear", "themes", "programme", "overdue");
    static final List<String> ORDERS = List.of("submittedAt", "dueOn");

    /** Answered or withdrawn: nothing can be overdue any more. */
    private static final List<String> CLOSED = List.of(ProposalStatus.ACCEPTED.name(),
            ProposalStatus.REJECTED.name(), ProposalStatus.WITHDRAWN.name());

    ProposalProjection(ReadStore store) {
        super(store, COLLECTION, Batch::new);
        // Once at start-up; creating an existing index is a no-op.
        ListIndexes.declare(documents(), LISTED, FILTERS, ORDERS, "searchTokens");
        // "Due soon" (the portal's home, ?status=…&overdue=false&sort=dueOn): most acknowledged proposals
        // due soonest are the overdue ones, so neither one-filter index reaches the first page quickly.
        documents().createIndex(Indexes.ascending(LISTED, "status", "overdue", "dueOn", "_id"));
        // A ward's proposals in one state (the portal's list, a ward office's inbox): counted by rank and
        // walked in order on one range, not by intersecting a ward's range with a whole state's.
        documents().createIndex(Indexes.ascending(LISTED, "ward", "status", "submittedAt", "_id"));
    }

    @EventHandler
    void on(ProposalSubmitted event, @SequenceNumber long sequence) {
        Document doc = new Document("version", sequence)
                .append(LISTED, true)
                .append("ward", event.ward().code())
                .append("title", event.title())
                .append("body", event.body())
                .append("themes", event.themes())
                .append("programme", event.programme().name())
                .append("channel", event.channel().name())
                .append("status", ProposalStatus.SUBMITTED.name())
                .append("submittedAt", Date.from(event.submittedAt()))
                .append("fiscalYear", FiscalYear.containing(event.submittedAt()).startYear())
                .append("overdue", false)
                .append("answeredLate", false)
                .append("searchTokens", SearchTokens.ofDocument(event.title(), event.body()))
                .append("timeline", List.of(entry(sequence, "SUBMITTED", event.submittedAt(), "PROPOSER")))
                .append("proposer", StoredSealedData.document(event.proposer()));
        write(batch -> {
            batch.texts.put(event.proposalId(), new Texts(event.submittedAt(), event.title(), event.body()));
            batch.add(created(event.proposalId(), doc));
            // Fills in a document that only a project link created before the submission was handled.
            batch.add(new UpdateOneModel<>(Filters.and(Filters.eq("_id", event.proposalId()),
                    Filters.exists("version", false)), new Document("$set", doc)));
        });
    }

    @EventHandler
    void on(ProjectLaunched event) {
        String proposalId = event.origin() == null ? null : event.origin().proposalId();
        if (proposalId == null) {
            return;
        }
        write(batch -> batch.add(new UpdateOneModel<>(Filters.eq("_id", proposalId),
                new Document("$addToSet", new Document("projects",
                        new Document("projectId", event.projectId()).append("title", event.title()))), UPSERT)));
    }

    @EventHandler
    void on(ProposalAcknowledged event, @SequenceNumber long sequence) {
        String dueOn = event.dueOn().toString();
        update(event.proposalId(), sequence, new Document("status", ProposalStatus.ACKNOWLEDGED.name())
                        .append("department", event.department())
                        .append("acknowledgedAt", Date.from(event.acknowledgedAt()))
                        .append("dueOn", dueOn),
                entry(sequence, "ACKNOWLEDGED", event.acknowledgedAt(), role(event.acknowledgedBy()),
                        "department", event.department(), "dueOn", dueOn));
    }

    @EventHandler
    void on(ProposalProgressUpdated event, @SequenceNumber long sequence) {
        update(event.proposalId(), sequence, new Document(),
                entry(sequence, "PROGRESS_UPDATE", event.postedAt(), role(event.postedBy()), "text", event.text()));
    }

    @EventHandler
    void on(ProposalRevisionRequested event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        update(event.proposalId(), sequence, new Document("status", ProposalStatus.REVISION_REQUESTED.name()),
                entry(sequence, "REVISION_REQUESTED", decision.decidedAt(), role(decision.decidedBy()),
                        "reason", decision.reason(), "outcome", decision.outcome().name()));
    }

    @EventHandler
    void on(ProposalRevised event, @SequenceNumber long sequence) {
        write(batch -> {
            Texts before = batch.texts.get(event.proposalId());
            if (before == null) {
                return; // no document to revise: the update would match nothing
            }
            Texts after = new Texts(before.submittedAt(), event.title() == null ? before.title() : event.title(),
                    event.body() == null ? before.body() : event.body());
            batch.texts.put(event.proposalId(), after);
            Document set = new Document("status", ProposalStatus.ACKNOWLEDGED.name());
            if (event.title() != null) {
                set.append("title", event.title());
            }
            if (event.body() != null) {
                set.append("body", event.body());
            }
            set.append("searchTokens", SearchTokens.ofDocument(after.title(), after.body()));
            batch.add(updateModel(event.proposalId(), sequence, set,
                    entry(sequence, "REVISED", event.revisedAt(), role(event.recordedBy()))));
        });
    }

    @EventHandler
    void on(ProposalReferredToMeeting event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        update(event.proposalId(), sequence, new Document("status", ProposalStatus.REFERRED_TO_MEETING.name())
                        .append("meetingId", event.meetingId()),
                entry(sequence, "REFERRED", decision.decidedAt(), role(decision.decidedBy()),
                        "reason", decision.reason(), "outcome", decision.outcome().name(),
                        "meetingId", event.meetingId()));
    }

    /** Back under review, before no meeting; the timeline keeps the meeting it was withdrawn from. */
    @EventHandler
    void on(ProposalReferralWithdrawn event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        update(event.proposalId(), sequence, new Document("status", ProposalStatus.ACKNOWLEDGED.name())
                        .append("meetingId", null),
                entry(sequence, "REFERRAL_WITHDRAWN", decision.decidedAt(), role(decision.decidedBy()),
                        "reason", decision.reason(), "outcome", decision.outcome().name(),
                        "meetingId", event.meetingId()));
    }

    @EventHandler
    void on(ProposalAccepted event, @SequenceNumber long sequence) {
        answer(event.proposalId(), sequence, ProposalStatus.ACCEPTED, event.decision(), event.conditions(),
                event.daysLate());
    }

    @EventHandler
    void on(ProposalRejected event, @SequenceNumber long sequence) {
        answer(event.proposalId(), sequence, ProposalStatus.REJECTED, event.decision(), null, event.daysLate());
    }

    @EventHandler
    void on(ProposalWithdrawn event, @SequenceNumber long sequence) {
        update(event.proposalId(), sequence, new Document("status", ProposalStatus.WITHDRAWN.name())
                        .append("withdrawnAt", Date.from(event.withdrawnAt()))
                        .append("overdue", false),
                entry(sequence, "WITHDRAWN", event.withdrawnAt(), role(event.recordedBy()),
                        "reason", event.reason()));
    }

    @EventHandler
    void on(ProposalResponseOverdue event, @SequenceNumber long sequence) {
        Document entry = entry(sequence, "RESPONSE_OVERDUE", event.recordedAt(), StaffRef.SYSTEM.role(),
                "dueOn", event.dueOn().toString());
        write(batch -> {
            // Overdue only while unanswered. Either way the version and the timeline advance: the
            // first write applies to an open proposal, the second (then a no-op) to any other.
            batch.add(new UpdateOneModel<>(Filters.and(notYetApplied(event.proposalId(), sequence),
                    Filters.nin("status", CLOSED)),
                    new Document("$set", new Document("overdue", true).append("version", sequence))
                            .append("$push", new Document("timeline", entry))));
            batch.add(updateModel(event.proposalId(), sequence, new Document(), entry));
        });
    }

    /** A resident's support, its withdrawal, or the threshold reached: the count and the due date it set. */
    @EventHandler
    void on(ProposalSupportCount event, @SequenceNumber long sequence) {
        update(event.proposalId(), sequence, SupportChanges.of(event, sequence));
    }

    /** Accepted or rejected: the answer, how late it came, and how long it took from submission. */
    private void answer(String proposalId, long sequence, ProposalStatus outcome, Decision decision,
                        String conditions, int daysLate) {
        write(batch -> {
            Document set = new Document("status", outcome.name())
                    .append("outcome", outcome.name())
                    .append("decidedAt", Date.from(decision.decidedAt()))
                    .append("reason", decision.reason());
            if (conditions != null) {
                set.append("conditions", conditions);
            }
            set.append("daysLate", daysLate);
            Texts texts = batch.texts.get(proposalId);
            if (texts != null) {
                set.append("daysToAnswer", (int) ChronoUnit.DAYS.between(
                        texts.submittedAt().atZone(FiscalYear.TOKYO).toLocalDate(),
                        decision.decidedAt().atZone(FiscalYear.TOKYO).toLocalDate()));
            }
            set.append("overdue", false).append("answeredLate", daysLate > 0);
            batch.add(updateModel(proposalId, sequence, set,
                    entry(sequence, outcome.name(), decision.decidedAt(), role(decision.decidedBy()),
                            "reason", decision.reason(), "outcome", outcome.name(), "conditions", conditions)));
        });
    }

    private void update(String proposalId, long sequence, Document set, Document timelineEntry) {
        write(batch -> batch.add(updateModel(proposalId, sequence, set, timelineEntry)));
    }

    /** Sets the fields and adds the timeline entry, if the document has not seen this sequence number. */
    private static WriteModel<Document> updateModel(String proposalId, long sequence, Document set,
                                                    Document timelineEntry) {
        DocumentChange change = new DocumentChange().push("timeline", timelineEntry);
        set.forEach(change::set);
        return updated(proposalId, sequence, change);
    }

    /** What later events need from earlier ones: when it was submitted (daysToAnswer) and its text (tokens). */
    private record Texts(Instant submittedAt, String title, String body) {
    }

    /**
     * Writes waiting for one bulkWrite, and the texts of the proposals they touch as they stand after
     * them (read from the collection the first time a proposal is met, then kept up to date).
     */
    static final class Batch extends WriteBatch {

        final Remembered<Texts> texts = remembered(doc -> !doc.containsKey("version") ? null
                : new Texts(doc.getDate("submittedAt").toInstant(), doc.getString("title"), doc.getString("body")),
                "version", "submittedAt", "title", "body");

        Batch(ReadCollection proposals) {
            super(proposals);
        }
    }
}
