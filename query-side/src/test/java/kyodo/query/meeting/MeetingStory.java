package kyodo.query.meeting;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AgendaPublished;
import kyodo.kernel.meeting.FeedbackRecorded;
import kyodo.kernel.meeting.GroupFormed;
import kyodo.kernel.meeting.MeetingCancelled;
import kyodo.kernel.meeting.MeetingClosed;
import kyodo.kernel.meeting.MeetingKind;
import kyodo.kernel.meeting.MeetingOpened;
import kyodo.kernel.meeting.MeetingRescheduled;
import kyodo.kernel.meeting.MeetingScheduled;
import kyodo.kernel.meeting.MinutesPublished;
import kyodo.kernel.meeting.OpinionRecorded;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.meeting.ParticipantRegistered;
import kyodo.kernel.meeting.ResolutionVoted;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** One meeting's events, written the way the Meeting aggregate would record them, numbered from 0. */
public final class MeetingStory {

    public static final StaffRef CLERK = new StaffRef("staff-0042", "STAFF");
    public static final StaffRef HEAD = new StaffRef("staff-0007", "WARD_HEAD");

    /** Theme of groups 1 and 2 at the 2015 southern-district workshop (seed 003). */
    public static final String THEME_ROLE = "協働のまちづくりを進めるにあたって行政が担う役割とは？";
    /** Theme of groups 3 and 4. */
    public static final String THEME_WARD_OFFICE = "どんな区役所になったらもっとよくなる？";
    /** Theme of groups 5 and 6. */
    public static final String THEME_SKILLS = "まちづくりを進めるにあたってどんな力を持った市民や市職員が必要？";
    /** 2015-09-19 13:00 in Tokyo. */
    public static final Instant WORKSHOP_STARTS = Instant.parse("2015-09-19T04:00:00Z");

    public final String id;
    public final Ward ward;
    /** The sealed participants, in the order they registered. */
    public final List<SealedPersonalData> participants = new ArrayList<>();
    private final List<Object> events = new ArrayList<>();

    private MeetingStory(String id, Ward ward) {
        this.id = id;
        this.ward = ward;
    }

    public static MeetingStory scheduled(String id, MeetingKind kind, Ward ward, Ward.District district, String title,
                                         Instant startsAt, Instant endsAt, String venue, Integer capacity,
                                         boolean publicObservation, List<String> themes, Integer term,
                                         Integer session, Instant at) {
        MeetingStory story = new MeetingStory(id, ward);
        story.events.add(new MeetingScheduled(id, kind, ward, district, title, startsAt, endsAt, venue, capacity,
                publicObservation, themes, term, session, at, CLERK));
        return story;
    }

    /** A meeting with only what a list shows; it lasts two hours. */
    public static MeetingStory scheduled(String id, MeetingKind kind, Ward ward, Ward.District district, String title,
                                         List<String> themes, String startsAt) {
        Instant start = Instant.parse(startsAt);
        return scheduled(id, kind, ward, district, title, start, start.plusSeconds(7200), "会場 " + id, null, true,
                themes, null, null, start.minusSeconds(30L * 24 * 3600));
    }

    /**
     * The 2015-09-19 southern-district workshop of seed 003: 44 participants, six groups under three
     * themes, each group's opinions with their related opinions (two per group here), closed with
     * minutes. Versions 0..21.
     */
    public static MeetingStory southernDistrictWorkshop(String id) {
        Instant at = WORKSHOP_STARTS;
        MeetingStory story = scheduled(id, MeetingKind.WORKSHOP, null, Ward.District.SOUTH,
                "南部地区ワークショップ（川崎区・幸区）", at, Instant.parse("2015-09-19T07:30:00Z"),
                "川崎フロンティアビル第３・４会議室", null, true, List.of(THEME_ROLE, THEME_WARD_OFFICE, THEME_SKILLS),
                null, null, Instant.parse("2015-08-01T00:00:00Z"));
        story.opened(44, at);
        story.group(1, THEME_ROLE, at).group(2, THEME_ROLE, at)
                .group(3, THEME_WARD_OFFICE, at).group(4, THEME_WARD_OFFICE, at)
                .group(5, THEME_SKILLS, at).group(6, THEME_SKILLS, at);
        Instant later = at.plusSeconds(7200);
        story.opinion("op-1-1", 1, THEME_ROLE, "地域内の課題等の情報共有を推進するため、地域組織の連携が必要である。",
                        List.of("いこいの家やこども文化センターを地域の拠点にする"), null, later)
                .opinion("op-1-2", 1, THEME_ROLE, "情報共有推進のための仕組みづくりが必要である。",
                        List.of("過去に発生した問題点を公開する", "Webサイトは他市事例を参考にする"), null, later)
                .opinion("op-2-1", 2, THEME_ROLE, "多様な世代・立場の人が出会い、話せる場づくりを行ってはどうか。",
                        List.of("既存のイベントに協働テーマを入れる"), null, later)
                .opinion("op-2-2", 2, THEME_ROLE, "市民も職員もコミュニケーション力が必要である。",
                        List.of(), null, later)
                .opinion("op-3-1", 3, THEME_WARD_OFFICE, "町内会・自治会など地域の組織を開かれた場にする。",
                        List.of("若者への情報発信として、掲示板の活用を工夫する"), null, later)
                .opinion("op-3-2", 3, THEME_WARD_OFFICE, "人と人がつながる区役所となるために、人が集まる機会を増やす。",
                        List.of("Free Wi-fi の導入", "トイレをきれいにする"), null, later)
                .opinion("op-4-1", 4, THEME_WARD_OFFICE, "区役所が気軽に、待たずに相談できる場所となる。",
                        List.of("窓口をひらがなで書いておくようにする"), null, later)
                .opinion("op-4-2", 4, THEME_WARD_OFFICE, "企業と市民のマッチングを行ってはどうか。",
                        List.of(), null, later)
                .opinion("op-5-1", 5, THEME_SKILLS, "学校と地域と企業のつながりが必要である。",
                        List.of("企業の食堂を市民に開放"), null, later)
                .opinion("op-5-2", 5, THEME_SKILLS, "高い専門的能力を持った職員が必要である。",
                        List.of("研修に参加することで給料が上がる仕組みをつくる"), null, later)
                .opinion("op-6-1", 6, THEME_SKILLS, "発想力や専門性を持った職員が必要である。",
                        List.of("同系統の部署への人事異動を実施"), null, later)
                .opinion("op-6-2", 6, THEME_SKILLS, "地域での住民同士のつながりが必要である。",
                        List.of("挨拶し合える関係づくりが大切"), null, later);
        return story.closed(44, Instant.parse("2015-09-19T07:30:00Z"))
                .minutes("六つのグループが三つのテーマで意見を交わした。", Instant.parse("2015-10-15T00:00:00Z"));
    }

    public MeetingStory agenda(List<AgendaItem> items, Instant at) {
        events.add(new AgendaPublished(id, items, at, CLERK));
        return this;
    }

    public MeetingStory rescheduled(Instant startsAt, Instant endsAt, String reason, Instant at) {
        events.add(new MeetingRescheduled(id, startsAt, endsAt, reason, at, CLERK));
        return this;
    }

    public MeetingStory cancelled(String reason, Instant at) {
        events.add(new MeetingCancelled(id, reason, at, HEAD));
        return this;
    }

    /** A participant sealed under a fresh subject of the given vault. */
    public MeetingStory registered(PersonalDataProtector protector, String participantId, String name,
                                   String affiliation, String nominatedBy, Instant at) {
        SealedPersonalData sealed = protector.sealForNewSubject("subj-" + UUID.randomUUID(),
                new Participant(name, affiliation), at);
        participants.add(sealed);
        events.add(new ParticipantRegistered(id, participantId, sealed, nominatedBy, at, CLERK));
        return this;
    }

    public MeetingStory opened(int attendance, Instant at) {
        events.add(new MeetingOpened(id, attendance, at, CLERK));
        return this;
    }

    public MeetingStory group(int number, String theme, Instant at) {
        events.add(new GroupFormed(id, number, theme, at, CLERK));
        return this;
    }

    public MeetingStory opinion(String opinionId, Integer group, String theme, String text, List<String> related,
                                String proposalId, Instant at) {
        events.add(new OpinionRecorded(id, opinionId, group, theme, text, related, proposalId, at, CLERK));
        return this;
    }

    public MeetingStory resolution(String resolutionId, String motion, String proposalId,
                                   DecisionOutcome proposalOutcome, int votesFor, int votesAgainst, int abstentions,
                                   int attendance, DecisionOutcome outcome, String reason, Instant at) {
        events.add(new ResolutionVoted(id, resolutionId, motion, proposalId, proposalOutcome, votesFor, votesAgainst,
                abstentions, attendance, new Decision(id + "-decision-" + events.size(), SubjectType.MEETING, id,
                ward, DecisionKind.RESOLUTION, outcome, reason, HEAD, at, null)));
        return this;
    }

    public MeetingStory closed(int attendance, Instant at) {
        events.add(new MeetingClosed(id, attendance, at, CLERK));
        return this;
    }

    public MeetingStory minutes(String text, Instant at) {
        events.add(new MinutesPublished(id, text, at, CLERK));
        return this;
    }

    public MeetingStory feedback(String group, String text, Instant at) {
        events.add(new FeedbackRecorded(id, group, text, at, CLERK));
        return this;
    }

    /** Marks as id, status pairs, e.g. {@code "p-1", PRESENT}. */
    public MeetingStory attendance(Instant at, Object... idAndStatus) {
        List<kyodo.kernel.meeting.AttendanceMark> marks = new ArrayList<>();
        for (int i = 0; i < idAndStatus.length; i += 2) {
            marks.add(new kyodo.kernel.meeting.AttendanceMark((String) idAndStatus[i],
                    (kyodo.kernel.meeting.AttendanceStatus) idAndStatus[i + 1]));
        }
        events.add(new kyodo.kernel.meeting.AttendanceRecorded(id, marks, at, CLERK));
        return this;
    }

    public MeetingStory memberFeedback(String group, List<String> memberIds, String text, Instant at) {
        events.add(new kyodo.kernel.meeting.MemberFeedbackRecorded(id, group, memberIds, text, at, CLERK));
        return this;
    }

    /** The events as the event store hands them to a processor: domain events with their sequence. */
    public List<DomainEventMessage<?>> messages() {
        List<DomainEventMessage<?>> messages = new ArrayList<>();
        for (int seq = 0; seq < events.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>("Meeting", id, seq, events.get(seq)));
        }
        return messages;
    }
}
