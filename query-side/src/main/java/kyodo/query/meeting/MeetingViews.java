package kyodo.query.meeting;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import com.mongodb.client.model.Projections;
import kyodo.kernel.FiscalYear;
import kyodo.kernel.Ward;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.query.listing.ListPage;
import kyodo.query.listing.SubjectViews;
import kyodo.query.listing.Viewer;
import kyodo.query.platform.StoredSealedData;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import static kyodo.query.platform.StoredValues.instant;

/**
 * Reads the {@code meetings} read model and shapes it for its two audiences: staff (with the
 * participants opened, or the erased placeholder) and the public (how many registered, never who).
 * Lists carry no participants for either audience.
 */
@Component
public class MeetingViews extends SubjectViews {

    /** What a list item needs; never participants, opinions, the timeline or the search tokens. */
    private static final Bson LIST_FIELDS = Projections.include("version", "kind", "ward", "district", "title",
            "startsAt", "endsAt", "venue", "capacity", "publicObservation", "themes", "term", "session",
            "fiscalYear", "status", "registrations");

    private final PersonalDataProtector protector;

    MeetingViews(ReadStore store, PersonalDataProtector protector) {
        super(store.collection(MeetingProjection.COLLECTION), null);
        this.protector = protector;
    }

    /**
     * The stored document without participants, their attendance marks or search tokens: all the public
     * view may use. Blocking.
     */
    public Optional<Document> findPublic(String id) {
        return find(id, "searchTokens", "participants", "attendanceMarks");
    }

    /** One page of meetings matching the query, and how many match in all. Blocking. */
    public MeetingPage list(MeetingListQuery query) {
        return query.readPage(documents, query.filter(), LIST_FIELDS, MeetingViews::listItem, MeetingPage::new);
    }

    /** What anyone may see; reads no participant, whether or not the document holds them. */
    public MeetingPublicView publicView(Document doc) {
        Optional<Ward> ward = Ward.fromCode(doc.getString("ward"));
        Optional<Ward.District> district = district(doc.getString("district"));
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        List<Document> opinions = doc.getList("opinions", Document.class, List.of());
        Document cancellation = doc.get("cancellation", Document.class);
        Document minutes = doc.get("minutes", Document.class);
        return new MeetingPublicView(doc.getString("_id"), doc.getLong("version"), doc.getString("kind"),
                ward.map(Ward::code).orElse(null), ward.map(Ward::nameJa).orElse(null),
                ward.map(Ward::nameEn).orElse(null), district.map(Ward.District::code).orElse(null),
                district.map(Ward.District::nameJa).orElse(null), district.map(Ward.District::nameEn).orElse(null),
                doc.getString("title"), instant(doc, "startsAt"), instant(doc, "endsAt"), doc.getString("venue"),
                doc.getInteger("capacity"), doc.getBoolean("publicObservation", false),
                doc.getList("themes", String.class, List.of()), doc.getInteger("term"), doc.getInteger("session"),
                fy.startYear(), fy.labelJa(), doc.getString("status"), instant(doc, "scheduledAt"),
                doc.getList("agenda", Document.class, List.of()).stream().map(MeetingParts::agendaItem).toList(),
                doc.getList("reschedulings", Document.class, List.of()).stream()
                        .map(r -> new Rescheduling(instant(r, "from"), instant(r, "to"), r.getString("reason"),
                                instant(r, "at"))).toList(),
                cancellation == null ? null
                        : new Cancellation(cancellation.getString("reason"), instant(cancellation, "at")),
                doc.getInteger("registrations", 0), instant(doc, "openedAt"), doc.getInteger("attendanceAtOpening"),
                MeetingParts.groups(doc.getList("groups", Document.class, List.of()), opinions),
                opinions.stream().filter(o -> o.getInteger("group") == null).map(MeetingParts::opinion).toList(),
                doc.getList("resolutions", Document.class, List.of()).stream().map(MeetingParts::resolution)
                        .toList(),
                instant(doc, "closedAt"), doc.getInteger("attendanceAtClosing"),
                doc.getList("attendanceByGroup", Document.class, List.of()).stream().map(AttendanceRoll::read)
                        .toList(),
                minutes == null ? null : new Minutes(minutes.getString("text"), instant(minutes, "publishedAt")),
                doc.getList("feedback", Document.class, List.of()).stream()
                        .map(f -> new Feedback(f.getString("group"), f.getString("text"), f.getInteger("members", 0),
                                instant(f, "at")))
                        .toList(),
                doc.getList("timeline", Document.class, List.of()).stream().map(MeetingParts::timelineEntry)
                        .toList());
    }

    /**
     * Staff view: opens each participant with their own key; shows the placeholder for one who was
     * erased, and {@link Viewer#WITHHELD_PLACEHOLDER} for all of them to a reader whose ward scope does
     * not cover the meeting's ward. Blocking (one vault lookup per participant).
     */
    public MeetingStaffView staffView(Document doc, Viewer viewer) {
        Ward ward = Ward.fromCode(doc.getString("ward")).orElse(null);
        AttendanceRoll roll = AttendanceRoll.of(doc);
        List<ParticipantView> participants = doc.getList("participants", Document.class, List.of()).stream()
                .map(registration -> participant(registration, ward, viewer, roll)).toList();
        return new MeetingStaffView(publicView(doc), participants);
    }

    private ParticipantView participant(Document registration, Ward ward, Viewer viewer, AttendanceRoll roll) {
        SealedPersonalData sealed = StoredSealedData.read(registration.get("participant", Document.class));
        String participantId = registration.getString("participantId");
        String nominatedBy = registration.getString("nominatedBy");
        Instant registeredAt = instant(registration, "registeredAt");
        String attendance = Optional.ofNullable(roll.statusOf(participantId)).map(Enum::name).orElse(null);
        return viewer.show(ward, sealed, protector, Participant.class,
                p -> new ParticipantView(participantId, sealed.subjectId(), p.name(), p.affiliation(), nominatedBy,
                        registeredAt, attendance, false),
                (text, erased) -> new ParticipantView(participantId, sealed.subjectId(), text, text, nominatedBy,
                        registeredAt, attendance, erased));
    }

    private static MeetingListItem listItem(Document doc) {
        Optional<Ward> ward = Ward.fromCode(doc.getString("ward"));
        Optional<Ward.District> district = district(doc.getString("district"));
        FiscalYear fy = FiscalYear.of(doc.getInteger("fiscalYear"));
        return new MeetingListItem(doc.getString("_id"), doc.getLong("version"), doc.getString("kind"),
                ward.map(Ward::code).orElse(null), ward.map(Ward::nameJa).orElse(null),
                ward.map(Ward::nameEn).orElse(null), district.map(Ward.District::code).orElse(null),
                district.map(Ward.District::nameJa).orElse(null), district.map(Ward.District::nameEn).orElse(null),
                doc.getString("title"), instant(doc, "startsAt"), instant(doc, "endsAt"), doc.getString("venue"),
                doc.getInteger("capacity"), doc.getBoolean("publicObservation", false),
                doc.getList("themes", String.class, List.of()), doc.getInteger("term"), doc.getInteger("session"),
                fy.startYear(), fy.labelJa(), doc.getString("status"), doc.getInteger("registrations", 0));
    }

    static Optional<Ward.District> district(String code) {
        return Arrays.stream(Ward.District.values()).filter(d -> Objects.equals(d.code(), code)).findFirst();
    }

    /**
     * What anyone may see of a meeting: when and where, the agenda, how it moved or why it was
     * cancelled, how many registered and attended (never who), the groups with their opinions, the
     * resolutions with their votes, minutes, feedback to nominating groups, and the public timeline.
     * Facts that have not happened are null (e.g. {@code closedAt} of an open meeting).
     *
     * @param ward            the ward it belongs to, or null
     * @param district        the district it belongs to, or null (both null: city-wide)
     * @param fiscalYear      of the (current) start, in Asia/Tokyo
     * @param registrations   how many registered
     * @param attendanceByGroup per nominating group, how many of its members were marked present, absent
     *                        and excused (never who)
     * @param groups          discussion groups in number order, each with its opinions
     * @param plenaryOpinions opinions voiced in the plenary, not in a group
     */
    public record MeetingPublicView(String id, long version, String kind, String ward, String wardNameJa,
                                    String wardNameEn, String district, String districtNameJa,
                                    String districtNameEn, String title, Instant startsAt, Instant endsAt,
                                    String venue, Integer capacity, boolean publicObservation, List<String> themes,
                                    Integer term, Integer session, int fiscalYear, String fiscalYearLabel,
                                    String status, Instant scheduledAt, List<AgendaItem> agenda,
                                    List<Rescheduling> reschedulings, Cancellation cancellation, int registrations,
                                    Instant openedAt, Integer attendanceAtOpening, List<Group> groups,
                                    List<Opinion> plenaryOpinions, List<Resolution> resolutions, Instant closedAt,
                                    Integer attendanceAtClosing, List<GroupAttendance> attendanceByGroup,
                                    Minutes minutes, List<Feedback> feedback,
                                    List<TimelineEntry> timeline) {
    }

    /** A move of the meeting: from the start it had to the start it got, and why. */
    public record Rescheduling(Instant from, Instant to, String reason, Instant at) {
    }

    /** Why and when the meeting was called off. */
    public record Cancellation(String reason, Instant at) {
    }

    /** A discussion group and what it said; {@code theme} is null only for a group never formed. */
    public record Group(int number, String theme, List<Opinion> opinions) {
    }

    /** An opinion with its related opinions (【関連する御意見】); attributed to a group, never a person. */
    public record Opinion(String opinionId, String theme, String text, List<String> related, String proposalId,
                          Instant recordedAt) {
    }

    /**
     * A motion voted on and its outcome (ADOPTED or REJECTED), with the votes cast and the role that
     * recorded the decision; {@code decisionId} finds it in the public decision log.
     */
    public record Resolution(String resolutionId, String decisionId, String motion, String proposalId,
                             String proposalOutcome, int votesFor, int votesAgainst, int abstentions,
                             int attendance, String outcome, String reason, String role, Instant decidedAt) {
    }

    /** The minutes as last published. */
    public record Minutes(String text, Instant publishedAt) {
    }

    /**
     * What members reported back to the group that nominated them.
     *
     * @param members how many of the group's attending members it names (0: none named)
     */
    public record Feedback(String group, String text, int members, Instant at) {
    }

    /**
     * One public step in a meeting's life, in order. Shows the role that acted, never who; fields
     * that do not apply to the kind are left out.
     *
     * @param from  the start before a rescheduling
     * @param to    the start after it
     * @param items how many agenda items were published
     * @param group the nominating group that received feedback
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TimelineEntry(long seq, String kind, Instant at, Instant from, Instant to, String reason,
                                Integer attendance, Integer items, String resolutionId, String motion,
                                String outcome, String group, String role) {
    }

    /** What staff see: the public view plus the participants. */
    public record MeetingStaffView(@JsonUnwrapped MeetingPublicView meeting, List<ParticipantView> participants) {
    }

    /**
     * A registered participant as staff see them; name and affiliation read
     * {@value PersonalDataProtector#ERASED_PLACEHOLDER} once an administrator forgot the person;
     * {@code attendance} is their latest mark (PRESENT, ABSENT, EXCUSED) or null.
     */
    public record ParticipantView(String participantId, String subjectId, String name, String affiliation,
                                  String nominatedBy, Instant registeredAt, String attendance, boolean erased) {

        @Override
        public String toString() {
            return "ParticipantView[participantId=" + participantId + ", subjectId=" + subjectId + ", erased="
                    + erased + "]";
        }
    }

    /** A meeting in a list, for staff and public alike: no participants, no opinions, no timeline. */
    public record MeetingListItem(String id, long version, String kind, String ward, String wardNameJa,
                                  String wardNameEn, String district, String districtNameJa,
                                  String districtNameEn, String title, Instant startsAt, Instant endsAt,
                                  String venue, Integer capacity, boolean publicObservation, List<String> themes,
                                  Integer term, Integer session, int fiscalYear, String fiscalYearLabel,
                                  String status, int registrations) {
    }

    /**
     * One page of a list.
     *
     * @param total how many meetings match the filters, over all pages
     */
    public record MeetingPage(List<MeetingListItem> items, int page, int size, long total)
            implements ListPage<MeetingListItem> {
    }
}
