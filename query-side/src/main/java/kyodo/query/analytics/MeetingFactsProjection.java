package kyodo.query.analytics;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The facts behind {@code meetings/participation}: one document per meeting in
 * {@code analytics_meeting_facts} with its kind, ward, district and fiscal year (of its start, as
 * rescheduled), whether it was held or cancelled, how many registered, its attendance, its
 * opinions counted per theme and its resolutions passed and failed. Never a participant, and no
 * vote counts of individual motions.
 * <p>
 * {@code themes} is the meeting's own themes together with the themes its opinions were voiced
 * under, sorted; {@code opinionsByTheme} holds {@code {theme, count}} pairs in theme order.
 * Replay-safe: the scheduling creates the document once; every later event applies only if its
 * aggregate sequence number is above the document's {@code version}.
 * <p>
 * Its cells, kept in the same batch and in one segment as every {@link FactProjection}'s: {@code analytics_meeting_cells}.
 */
@Component
@ProcessingGroup(MeetingFactsProjection.GROUP)
class MeetingFactsProjection extends FactProjection {

    static final String GROUP = "analytics-meeting-facts";

    MeetingFactsProjection(ReadStore store) {
        super(store, AnalyticsCatalogue.MEETINGS, List.of("kind", "ward", "fiscalYear", "themes"));
    }

    @EventHandler
    void on(MeetingScheduled event, @SequenceNumber long sequence) {
        create(new Document("_id", event.meetingId())
                .append("version", sequence)
                .append("kind", event.kind().name())
                .append("ward", event.ward() == null ? null : event.ward().code())
                .append("district", event.district() == null
                        ? event.ward() == null ? null : event.ward().district().code()
                        : event.district().code())
                .append("fiscalYear", FiscalYear.containing(event.startsAt()).startYear())
                .append("ownThemes", List.copyOf(new TreeSet<>(event.themes())))
                .append("themes", List.copyOf(new TreeSet<>(event.themes())))
                .append("status", "SCHEDULED")
                .append("held", false)
                .append("cancelled", false)
                .append("registrations", 0)
                .append("attendance", 0)
                .append("opinions", 0)
                .append("opinionsByTheme", List.of())
                .append("resolutionsPassed", 0)
                .append("resolutionsFailed", 0));
    }

    @EventHandler
    void on(MeetingRescheduled event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence,
                fact -> fact.put("fiscalYear", FiscalYear.containing(event.startsAt()).startYear()));
    }

    @EventHandler
    void on(MeetingCancelled event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence, fact -> fact.append("status", "CANCELLED").append("cancelled", true));
    }

    @EventHandler
    void on(ParticipantRegistered event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence, fact -> fact.put("registrations", fact.getInteger("registrations") + 1));
    }

    @EventHandler
    void on(MeetingOpened event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence, fact -> fact.append("status", "OPEN").append("held", true)
                .append("attendance", event.attendance()));
    }

    @EventHandler
    void on(OpinionRecorded event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence, fact -> {
            TreeMap<String, Integer> byTheme = new TreeMap<>();
            fact.getList("opinionsByTheme", Document.class)
                    .forEach(t -> byTheme.put(t.getString("theme"), t.getInteger("count")));
            String theme = event.theme() == null ? "" : event.theme();
            byTheme.merge(theme, 1, Integer::sum);
            List<Document> counts = new ArrayList<>();
            byTheme.forEach((t, n) -> counts.add(new Document("theme", t).append("count", n)));
            TreeSet<String> themes = new TreeSet<>(fact.getList("ownThemes", String.class));
            themes.addAll(byTheme.keySet());
            fact.append("opinionsByTheme", counts).append("opinions", fact.getInteger("opinions") + 1)
                    .append("themes", List.copyOf(themes));
        });
    }

    @EventHandler
    void on(ResolutionVoted event, @SequenceNumber long sequence) {
        String counter = event.adopted() ? "resolutionsPassed" : "resolutionsFailed";
        change(event.meetingId(), sequence, fact -> fact.put(counter, fact.getInteger(counter) + 1));
    }

    /** The attendance at the close replaces the one at the opening. */
    @EventHandler
    void on(MeetingClosed event, @SequenceNumber long sequence) {
        change(event.meetingId(), sequence, fact -> fact.append("status", "CLOSED").append("held", true)
                .append("attendance", event.attendance()));
    }
}
