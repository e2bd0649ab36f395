package kyodo.query.meeting;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.meeting.AttendanceRecorded;
import kyodo.kernel.meeting.AttendanceStatus;
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
import kyodo.query.history.EventStory;
import kyodo.query.history.FeatureHistory;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

import static kyodo.query.history.EventStory.decided;
import static kyodo.query.history.PublicData.PERSONAL;
import static kyodo.query.history.PublicData.PERSONAL_EN;
import static kyodo.query.history.PublicData.PERSONAL_JA;
import static kyodo.query.history.PublicData.map;
import static kyodo.query.history.PublicData.orDash;
import static kyodo.query.history.PublicData.tokyo;

/**
 * A meeting's public history: its events told in Japanese and English, and its state at a moment
 * ({@link MeetingReplay}). A registered participant is sealed personal data and shows only as a
 * placeholder; the group that nominated them is public.
 */
@Component
public class MeetingHistory extends FeatureHistory {

    public MeetingHistory() {
        super(SubjectType.MEETING, "Meeting", MeetingReplay::new);
    }

    private static EventStory meetingScheduled(MeetingScheduled e) {
        String placeJa = e.ward() != null ? e.ward().nameJa() : e.district() != null ? e.district().nameJa() : "";
        String placeEn = e.ward() != null ? e.ward().nameEn() : e.district() != null ? e.district().nameEn() : "";
        return new EventStory(
                placeJa + "の会議「" + e.title() + "」（" + e.kind() + "）が " + tokyo(e.startsAt()) + "〜"
                        + tokyo(e.endsAt()) + "、" + orDash(e.venue()) + " に予定されました",
                "Meeting “" + e.title() + "” (" + e.kind() + ") in " + placeEn + " scheduled for "
                        + tokyo(e.startsAt()) + "–" + tokyo(e.endsAt()) + " at " + orDash(e.venue()),
                map("kind", e.kind(), "ward", e.ward(), "district", e.district(), "title", e.title(),
                        "startsAt", e.startsAt(), "endsAt", e.endsAt(), "venue", e.venue(),
                        "capacity", e.capacity(), "publicObservation", e.publicObservation(),
                        "themes", e.themes(), "term", e.term(), "session", e.session(),
                        "scheduledAt", e.scheduledAt(), "role", e.scheduledBy()));
    }

    private static EventStory meetingRescheduled(MeetingRescheduled e) {
        return new EventStory(
                "日程が " + tokyo(e.startsAt()) + "〜" + tokyo(e.endsAt()) + " に変更されました（理由："
                        + orDash(e.reason()) + "）",
                "Rescheduled to " + tokyo(e.startsAt()) + "–" + tokyo(e.endsAt()) + " (reason: "
                        + orDash(e.reason()) + ")",
                map("startsAt", e.startsAt(), "endsAt", e.endsAt(), "reason", e.reason(),
                        "rescheduledAt", e.rescheduledAt(), "role", e.rescheduledBy()));
    }

    private static EventStory meetingCancelled(MeetingCancelled e) {
        return new EventStory("中止されました（理由：" + orDash(e.reason()) + "）",
                "Cancelled (reason: " + orDash(e.reason()) + ")",
                map("reason", e.reason(), "cancelledAt", e.cancelledAt(), "role", e.cancelledBy()));
    }

    private static EventStory agendaPublished(AgendaPublished e) {
        return new EventStory("議題 " + e.items().size() + " 件が公開されました：" + titles(e, "、"),
                "Agenda of " + e.items().size() + " item(s) published: " + titles(e, "; "),
                map("items", e.items().stream().map(MeetingHistory::agendaItem).toList(),
                        "publishedAt", e.publishedAt(), "role", e.publishedBy()));
    }

    private static EventStory groupFormed(GroupFormed e) {
        return new EventStory("第" + e.number() + "グループ（テーマ：" + e.theme() + "）が編成されました",
                "Group " + e.number() + " formed (theme: " + e.theme() + ")",
                map("number", e.number(), "theme", e.theme(), "formedAt", e.formedAt(), "role", e.formedBy()));
    }

    private static EventStory participantRegistered(ParticipantRegistered e) {
        String byJa = e.nominatedBy() == null ? "" : "、推薦：" + e.nominatedBy();
        String byEn = e.nominatedBy() == null ? "" : ", nominated by " + e.nominatedBy();
        return new EventStory("参加者が登録されました（" + PERSONAL_JA + byJa + "）",
                "A participant was registered (" + PERSONAL_EN + byEn + ")",
                map("participant", PERSONAL, "nominatedBy", e.nominatedBy(), "registeredAt", e.registeredAt(),
                        "role", e.registeredBy()));
    }

    private static EventStory meetingOpened(MeetingOpened e) {
        return new EventStory("開会しました（出席 " + e.attendance() + " 名）",
                "Opened (attendance " + e.attendance() + ")",
                map("attendance", e.attendance(), "openedAt", e.openedAt(), "role", e.openedBy()));
    }

    private static EventStory opinionRecorded(OpinionRecorded e) {
        String groupJa = e.group() == null ? "" : "第" + e.group() + "グループ、";
        String groupEn = e.group() == null ? "" : "group " + e.group() + ", ";
        return new EventStory("意見が記録されました（" + groupJa + "テーマ：" + orDash(e.theme()) + "）：" + e.text(),
                "Opinion recorded (" + groupEn + "theme: " + orDash(e.theme()) + "): " + e.text(),
                map("opinionId", e.opinionId(), "group", e.group(), "theme", e.theme(), "text", e.text(),
                        "related", e.related(), "proposalId", e.proposalId(), "recordedAt", e.recordedAt(),
                        "role", e.recordedBy()));
    }

    private static EventStory resolutionVoted(ResolutionVoted e) {
        String votesJa = "賛成 " + e.votesFor() + "・反対 " + e.votesAgainst() + "・棄権 " + e.abstentions();
        String votesEn = e.votesFor() + " for, " + e.votesAgainst() + " against, " + e.abstentions() + " abstaining";
        return decided("議案「" + e.motion() + "」を採決しました（" + votesJa + "）",
                "Motion “" + e.motion() + "” voted (" + votesEn + ")", e.decision(),
                map("resolutionId", e.resolutionId(), "motion", e.motion(), "proposalId", e.proposalId(),
                        "proposalOutcome", e.proposalOutcome(), "votesFor", e.votesFor(),
                        "votesAgainst", e.votesAgainst(), "abstentions", e.abstentions(),
                        "attendance", e.attendance()));
    }

    private static EventStory meetingClosed(MeetingClosed e) {
        return new EventStory("閉会しました（出席 " + e.attendance() + " 名）",
                "Closed (attendance " + e.attendance() + ")",
                map("attendance", e.attendance(), "closedAt", e.closedAt(), "role", e.closedBy()));
    }

    private static EventStory minutesPublished(MinutesPublished e) {
        return new EventStory("議事録が公開されました", "Minutes published",
                map("text", e.text(), "publishedAt", e.publishedAt(), "role", e.publishedBy()));
    }

    private static EventStory feedbackRecorded(FeedbackRecorded e) {
        return new EventStory(orDash(e.group()) + " からのフィードバックが記録されました：" + e.text(),
                "Feedback from " + orDash(e.group()) + " recorded: " + e.text(),
                map("group", e.group(), "text", e.text(), "recordedAt", e.recordedAt(), "role", e.recordedBy()));
    }

    private static EventStory attendanceRecorded(AttendanceRecorded e) {
        Map<AttendanceStatus, Long> counts = e.marks().stream()
                .collect(Collectors.groupingBy(AttendanceMark::status, () -> new EnumMap<>(AttendanceStatus.class),
                        Collectors.counting()));
        long present = counts.getOrDefault(AttendanceStatus.PRESENT, 0L);
        long absent = counts.getOrDefault(AttendanceStatus.ABSENT, 0L);
        long excused = counts.getOrDefault(AttendanceStatus.EXCUSED, 0L);
        return new EventStory("登録者 " + e.marks().size() + " 名の出欠が記録されました（出席 " + present + "・欠席 " + absent
                        + "・届出欠席 " + excused + "）",
                "Attendance of " + e.marks().size() + " registrant(s) recorded (" + present + " present, " + absent
                        + " absent, " + excused + " excused)",
                map("present", present, "absent", absent, "excused", excused, "recordedAt", e.recordedAt(),
                        "role", e.recordedBy()));
    }

    private static EventStory memberFeedbackRecorded(MemberFeedbackRecorded e) {
        return new EventStory(orDash(e.group()) + " の出席者 " + e.memberIds().size() + " 名からのフィードバックが記録されました："
                        + e.text(),
                "Feedback from " + e.memberIds().size() + " attending member(s) of " + orDash(e.group())
                        + " recorded: " + e.text(),
                map("group", e.group(), "members", e.memberIds().size(), "text", e.text(),
                        "recordedAt", e.recordedAt(), "role", e.recordedBy()));
    }

    /** An agenda item's public fields, the same in an event's data and in the replayed state. */
    static Map<String, Object> agendaItem(AgendaItem item) {
        return map("title", item.title(), "lead", item.lead(), "discussionPoints", item.discussionPoints(),
                "preparation", item.preparation());
    }

    private static String titles(AgendaPublished event, String separator) {
        return event.items().stream().map(AgendaItem::title).collect(Collectors.joining(separator));
    }
}
