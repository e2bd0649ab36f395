package kyodo.query.meeting;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.AttendanceRecorded;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MemberFeedbackRecorded;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.query.platform.DocumentChange;
import kyodo.query.platform.DocumentProjection;
import kyodo.query.platform.StoredSealedData;
import kyodo.query.platform.store.ListIndexes;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.search.SearchTokens;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.stream.Stream;

import static kyodo.query.platform.TimelineEntries.entry;
import static kyodo.query.platform.TimelineEntries.role;

/**
 * Projects meeting events into the {@code meetings} collection: one document per meeting with its
 * schedule, agenda, attendance, groups and their opinions, resolutions, minutes and feedback, the
 * participants kept sealed and their attendance marks (staff views only), the public attendance counts
 * per nominating group, the {@code searchTokens} behind {@code ?q=} (title,
 * themes, opinions) and a public {@code timeline} (roles only, never staff ids or participants).
 * <p>
 * The timeline holds the steps a reader follows a meeting by: scheduled, agenda published,
 * rescheduled, cancelled, opened, each resolution, closed, minutes published, feedback recorded.
 * Registrations, groups and opinions are not steps: the document counts and lists them instead, so
 * a workshop's forty opinions do not drown its timeline and no registration can be timed to a person.
 * <p>
 * Replay-safe by the aggregate's sequence number, written in batches ({@link DocumentProjection}).
 */
@Component
@ProcessingGroup(MeetingProjection.GROUP)
class MeetingProjection extends DocumentProjection<MeetingBatch> {

    static final String GROUP = "meeting-views";
    static final String COLLECTION = "meetings";
    /**
     * True for a meeting of no ward and no district (a city-wide forum or panel), false otherwise: the
     * value {@code ?ward=city} looks up, as neither store's index is looked up by a null ward.
     */
    static final String CITY_WIDE = "cityWide";
    /** Fields lists filter on by equality, and the order they sort in. */
    static final List<String> FILTERS = List.of("ward", "district", "kind", "fiscalYear", "status", CITY_WIDE);
    static final List<String> ORDERS = List.of("startsAt");

    MeetingProjection(ReadStore store) {
        super(store, COLLECTION, MeetingBatch::new);
        // Once at start-up; creating an existing index is a no-op.
        ListIndexes.declare(documents(), null, FILTERS, ORDERS, "searchTokens");
        CityWideMarks.markEarlierDocuments(store, documents());
    }

    @EventHandler
    void on(MeetingScheduled event, @SequenceNumber long sequence) {
        Document doc = new Document("version", sequence)
                .append("kind", event.kind().name())
                .append("ward", event.ward() == null ? null : event.ward().code())
                .append("district", event.district() == null ? null : event.district().code())
                .append(CITY_WIDE, event.ward() == null && event.district() == null)
                .append("title", event.title())
                .append("startsAt", Date.from(event.startsAt()))
                .append("endsAt", Date.from(event.endsAt()))
                .append("venue", event.venue())
                .append("capacity", event.capacity())
                .append("publicObservation", event.publicObservation())
                .append("themes", event.themes())
                .append("term", event.term())
                .append("session", event.session())
                .append("fiscalYear", FiscalYear.containing(event.startsAt()).startYear())
                .append("status", MeetingStatus.SCHEDULED.name())
                .append("scheduledAt", Date.from(event.scheduledAt()))
                .append("agenda", List.of())
                .append("reschedulings", List.of())
                .append("registrations", 0)
                .append("participants", List.of())
                .append("attendanceMarks", List.of())
                .append("attendanceByGroup", List.of())
                .append("groups", List.of())
                .append("opinions", List.of())
                .append("resolutions", List.of())
                .append("feedback", List.of())
                .append("searchTokens", SearchTokens.ofDocument(Stream.concat(Stream.of(event.title()),
                        event.themes().stream()).toArray(String[]::new)))
                .append("timeline", List.of(entry(sequence, "SCHEDULED", event.scheduledAt(),
                        role(event.scheduledBy()))));
        write(batch -> {
            batch.startsAt.put(event.meetingId(), event.startsAt());
            batch.rolls.put(event.meetingId(), new AttendanceRoll());
            batch.add(created(event.meetingId(), doc));
        });
    }

    @EventHandler
    void on(AgendaPublished event, @SequenceNumber long sequence) {
        List<Document> items = event.items().stream().map(MeetingProjection::agendaItem).toList();
        update(event.meetingId(), sequence, new DocumentChange().set("agenda", items)
                .push("timeline", entry(sequence, "AGENDA_PUBLISHED", event.publishedAt(),
                        role(event.publishedBy()), "items", items.size())));
    }

    @EventHandler
    void on(MeetingRescheduled event, @SequenceNumber long sequence) {
        write(batch -> {
            Instant before = batch.startsAt.get(event.meetingId());
            if (before == null) {
                return; // no document to reschedule: the update would match nothing
            }
            batch.startsAt.put(event.meetingId(), event.startsAt());
            Date from = Date.from(before);
            Date to = Date.from(event.startsAt());
            batch.add(updated(event.meetingId(), sequence, new DocumentChange()
                    .set("startsAt", to)
                    .set("endsAt", Date.from(event.endsAt()))
                    .set("fiscalYear", FiscalYear.containing(event.startsAt()).startYear())
                    .push("reschedulings", new Document("from", from).append("to", to)
                            .append("reason", event.reason()).append("at", Date.from(event.rescheduledAt())))
                    .push("timeline", entry(sequence, "RESCHEDULED", event.rescheduledAt(),
                            role(event.rescheduledBy()), "from", from, "to", to, "reason", event.reason()))));
        });
    }

    @EventHandler
    void on(MeetingCancelled event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .set("status", MeetingStatus.CANCELLED.name())
                .set("cancellation", new Document("reason", event.reason())
                        .append("at", Date.from(event.cancelledAt())))
                .push("timeline", entry(sequence, "CANCELLED", event.cancelledAt(), role(event.cancelledBy()),
                        "reason", event.reason())));
    }

    @EventHandler
    void on(ParticipantRegistered event, @SequenceNumber long sequence) {
        write(batch -> {
            AttendanceRoll roll = batch.rolls.get(event.meetingId());
            if (roll != null) {
                roll.register(event.participantId(), event.nominatedBy());
            }
            batch.add(updated(event.meetingId(), sequence, new DocumentChange()
                    .inc("registrations", 1)
                    .push("participants", new Document("participantId", event.participantId())
                            .append("participant", StoredSealedData.document(event.participant()))
                            .append("nominatedBy", event.nominatedBy())
                            .append("registeredAt", Date.from(event.registeredAt())))));
        });
    }

    /** The marks (by registrant id, staff only) and the public counts per nominating group they give. */
    @EventHandler
    void on(AttendanceRecorded event, @SequenceNumber long sequence) {
        write(batch -> {
            AttendanceRoll roll = batch.rolls.get(event.meetingId());
            if (roll == null) {
                return; // no document to mark: the update would match nothing
            }
            roll.mark(event.marks());
            batch.add(updated(event.meetingId(), sequence, new DocumentChange()
                    .set("attendanceByGroup", AttendanceRoll.documents(roll.byGroup()))
                    .push("attendanceMarks", new Document("$each", event.marks().stream()
                            .map(m -> new Document("registrantId", m.registrantId())
                                    .append("status", m.status().name())).toList()))));
        });
    }

    @EventHandler
    void on(MeetingOpened event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .set("status", MeetingStatus.OPEN.name())
                .set("openedAt", Date.from(event.openedAt()))
                .set("attendanceAtOpening", event.attendance())
                .push("timeline", entry(sequence, "OPENED", event.openedAt(), role(event.openedBy()),
                        "attendance", event.attendance())));
    }

    @EventHandler
    void on(GroupFormed event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .push("groups", new Document("number", event.number()).append("theme", event.theme())));
    }

    @EventHandler
    void on(OpinionRecorded event, @SequenceNumber long sequence) {
        String[] texts = Stream.concat(Stream.of(event.text()), event.related().stream()).toArray(String[]::new);
        update(event.meetingId(), sequence, new DocumentChange()
                .push("opinions", new Document("opinionId", event.opinionId())
                        .append("group", event.group())
                        .append("theme", event.theme())
                        .append("text", event.text())
                        .append("related", event.related())
                        .append("proposalId", event.proposalId())
                        .append("recordedAt", Date.from(event.recordedAt())))
                .addEach("searchTokens", SearchTokens.ofDocument(texts)));
    }

    @EventHandler
    void on(ResolutionVoted event, @SequenceNumber long sequence) {
        Decision decision = event.decision();
        String outcome = decision.outcome().name();
        String role = role(decision.decidedBy());
        update(event.meetingId(), sequence, new DocumentChange()
                .push("resolutions", new Document("resolutionId", event.resolutionId())
                        .append("decisionId", decision.decisionId())
                        .append("motion", event.motion())
                        .append("proposalId", event.proposalId())
                        .append("proposalOutcome", event.proposalOutcome() == null ? null
                                : event.proposalOutcome().name())
                        .append("votesFor", event.votesFor())
                        .append("votesAgainst", event.votesAgainst())
                        .append("abstentions", event.abstentions())
                        .append("attendance", event.attendance())
                        .append("outcome", outcome)
                        .append("reason", decision.reason())
                        .append("role", role)
                        .append("decidedAt", Date.from(decision.decidedAt())))
                .push("timeline", entry(sequence, "RESOLUTION_VOTED", decision.decidedAt(), role,
                        "resolutionId", event.resolutionId(), "motion", event.motion(), "outcome", outcome,
                        "reason", decision.reason())));
    }

    @EventHandler
    void on(MeetingClosed event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .set("status", MeetingStatus.CLOSED.name())
                .set("closedAt", Date.from(event.closedAt()))
                .set("attendanceAtClosing", event.attendance())
                .push("timeline", entry(sequence, "CLOSED", event.closedAt(), role(event.closedBy()),
                        "attendance", event.attendance())));
    }

    @EventHandler
    void on(MinutesPublished event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .set("minutes", new Document("text", event.text())
                        .append("publishedAt", Date.from(event.publishedAt())))
                .push("timeline", entry(sequence, "MINUTES_PUBLISHED", event.publishedAt(),
                        role(event.publishedBy()))));
    }

    @EventHandler
    void on(FeedbackRecorded event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .push("feedback", new Document("group", event.group()).append("text", event.text())
                        .append("at", Date.from(event.recordedAt())))
                .push("timeline", entry(sequence, "FEEDBACK_RECORDED", event.recordedAt(),
                        role(event.recordedBy()), "group", event.group())));
    }

    /** Feedback naming the group's attending members: public with how many, never which. */
    @EventHandler
    void on(MemberFeedbackRecorded event, @SequenceNumber long sequence) {
        update(event.meetingId(), sequence, new DocumentChange()
                .push("feedback", new Document("group", event.group()).append("text", event.text())
                        .append("members", event.memberIds().size()).append("at", Date.from(event.recordedAt())))
                .push("timeline", entry(sequence, "FEEDBACK_RECORDED", event.recordedAt(),
                        role(event.recordedBy()), "group", event.group())));
    }

    private static Document agendaItem(AgendaItem item) {
        return new Document("title", item.title()).append("lead", item.lead())
                .append("discussionPoints", item.discussionPoints()).append("preparation", item.preparation());
    }
}
