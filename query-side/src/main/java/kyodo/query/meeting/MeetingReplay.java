package kyodo.query.meeting;

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
import kyodo.query.history.PublicData;
import kyodo.query.history.SubjectState;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static kyodo.query.history.PublicData.map;

/**
 * A meeting at a moment, for the public history: schedule, agenda, groups, what was said and
 * resolved. Participants are counted, never named; their attendance only per nominating group.
 */
final class MeetingReplay implements SubjectState {

    private final Map<String, Object> s = PublicData.unknown("status", "kind", "ward", "district", "title",
            "startsAt", "endsAt", "venue", "capacity", "publicObservation", "themes", "attendance", "cancelReason",
            "minutesPublished");
    private final List<Object> agenda = new ArrayList<>();
    private final List<Map<String, Object>> groups = new ArrayList<>();
    private final List<Map<String, Object>> resolutions = new ArrayList<>();
    private final Set<String> opinionIds = new HashSet<>();
    private int opinions;
    private int participants;
    private int feedback;
    private final AttendanceRoll roll = new AttendanceRoll();

    MeetingReplay() {
        s.put("minutesPublished", false);
    }

    @Override
    public void apply(Object p) {
        if (p instanceof MeetingScheduled e) {
            s.put("status", "SCHEDULED");
            s.put("kind", PublicData.value(e.kind()));
            s.put("ward", PublicData.value(e.ward()));
            s.put("district", PublicData.value(e.district()));
            s.put("title", e.title());
            s.put("startsAt", PublicData.value(e.startsAt()));
            s.put("endsAt", PublicData.value(e.endsAt()));
            s.put("venue", e.venue());
            s.put("capacity", e.capacity());
            s.put("publicObservation", e.publicObservation());
            s.put("themes", e.themes());
        } else if (p instanceof MeetingRescheduled e) {
            s.put("startsAt", PublicData.value(e.startsAt()));
            s.put("endsAt", PublicData.value(e.endsAt()));
        } else if (p instanceof MeetingCancelled e) {
            s.put("status", "CANCELLED");
            s.put("cancelReason", e.reason());
        } else if (p instanceof AgendaPublished e) {
            agenda.clear();
            e.items().forEach(item -> agenda.add(MeetingHistory.agendaItem(item)));
        } else if (p instanceof GroupFormed e) {
            groups.add(map("number", e.number(), "theme", e.theme()));
        } else if (p instanceof ParticipantRegistered e) {
            participants++;
            roll.register(e.participantId(), e.nominatedBy());
        } else if (p instanceof MeetingOpened e) {
            s.put("status", "OPEN");
            s.put("attendance", e.attendance());
        } else if (p instanceof OpinionRecorded e) {
            if (e.opinionId() == null || opinionIds.add(e.opinionId())) {
                opinions++;
            }
        } else if (p instanceof ResolutionVoted e) {
            resolutions.add(map("resolutionId", e.resolutionId(), "motion", e.motion(),
                    "proposalId", e.proposalId(), "votesFor", e.votesFor(), "votesAgainst", e.votesAgainst(),
                    "abstentions", e.abstentions(), "outcome", e.decision().outcome(),
                    "reason", e.decision().reason()));
        } else if (p instanceof MeetingClosed e) {
            s.put("status", "CLOSED");
            s.put("attendance", e.attendance());
        } else if (p instanceof MinutesPublished) {
            s.put("minutesPublished", true);
        } else if (p instanceof FeedbackRecorded || p instanceof MemberFeedbackRecorded) {
            feedback++;
        } else if (p instanceof AttendanceRecorded e) {
            roll.mark(e.marks());
        }
    }

    @Override
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>(s);
        out.putAll(map("agenda", agenda, "groups", groups, "participants", participants, "opinions", opinions,
                "resolutions", resolutions, "feedback", feedback, "attendanceByGroup",
                roll.byGroup().stream().map(c -> map("group", c.group(), "present", c.present(),
                        "absent", c.absent(), "excused", c.excused())).toList()));
        return out;
    }
}
