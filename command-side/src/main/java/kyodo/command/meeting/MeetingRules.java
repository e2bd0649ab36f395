package kyodo.command.meeting;

import static kyodo.command.platform.FieldChecks.each;
import static kyodo.command.platform.FieldChecks.list;
import static kyodo.command.platform.FieldChecks.range;
import static kyodo.command.platform.FieldChecks.refuseIfAny;
import static kyodo.command.platform.FieldChecks.required;
import static kyodo.command.platform.FieldChecks.text;

import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.meeting.AgendaItem;
import kyodo.kernel.meeting.AttendanceMark;
import kyodo.kernel.problem.FieldViolation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The limits a meeting's content must respect, enforced by the aggregate whatever the edge
 * checked before.
 */
final class MeetingRules {

    static final int TITLE_MAX = 200;
    static final int NAME_MAX = 200;
    static final int THEME_MAX = 100;
    static final int TEXT_MAX = 5_000;
    static final int ITEM_MAX = 1_000;
    static final int LIST_MAX = 50;
    static final int MINUTES_MAX = 50_000;
    static final int ATTENDANCE_MAX = 100_000;
    static final int MARKS_MAX = 100;
    static final int ID_MAX = 64;
    static final Instant EARLIEST = Instant.parse("1989-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");
    static final Duration LONGEST = Duration.ofDays(14);

    private MeetingRules() {
    }

    static void requireSchedulable(ScheduleMeeting c) {
        List<FieldViolation> errors = new ArrayList<>();
        required(errors, "kind", c.kind());
        if (c.ward() != null && c.district() != null) {
            errors.add(new FieldViolation("district", "give a ward or a district, not both"));
        }
        text(errors, "title", c.title(), TITLE_MAX);
        text(errors, "venue", c.venue(), NAME_MAX);
        times(errors, c.startsAt(), c.endsAt());
        range(errors, "capacity", c.capacity(), 1, ATTENDANCE_MAX);
        list(errors, "themes", c.themes(), 1, 10, THEME_MAX, "items");
        range(errors, "term", c.term(), 1, 1000);
        range(errors, "session", c.session(), 1, 1000);
        refuseIfAny(errors, "The meeting cannot be scheduled as given.");
    }

    static void requireTimes(Instant startsAt, Instant endsAt) {
        List<FieldViolation> errors = new ArrayList<>();
        times(errors, startsAt, endsAt);
        refuseIfAny(errors, "Invalid times.");
    }

    static void requireAgenda(List<AgendaItem> items) {
        List<FieldViolation> errors = new ArrayList<>();
        each(errors, "items", items, 1, LIST_MAX, "items", (path, item) -> {
            text(errors, path + ".title", item.title(), TITLE_MAX);
            if (item.lead() != null && item.lead().strip().length() > NAME_MAX) {
                errors.add(new FieldViolation(path + ".lead", "at most " + NAME_MAX + " characters"));
            }
            list(errors, path + ".discussionPoints", item.discussionPoints(), 0, LIST_MAX, ITEM_MAX, "items");
            list(errors, path + ".preparation", item.preparation(), 0, LIST_MAX, ITEM_MAX, "items");
        });
        refuseIfAny(errors, "The agenda is invalid.");
    }

    static void requireAttendance(int attendance) {
        List<FieldViolation> errors = new ArrayList<>();
        range(errors, "attendance", attendance, 0, ATTENDANCE_MAX);
        refuseIfAny(errors, "Invalid attendance.");
    }

    /** 1 to {@value #MARKS_MAX} marks, each with a registrant and a status, no registrant twice. */
    static void requireMarks(List<AttendanceMark> marks) {
        List<FieldViolation> errors = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        each(errors, "marks", marks, 1, MARKS_MAX, "marks", (path, mark) -> {
            text(errors, path + ".registrantId", mark == null ? null : mark.registrantId(), ID_MAX);
            if (mark != null && mark.status() == null) {
                errors.add(new FieldViolation(path + ".status", "PRESENT, ABSENT or EXCUSED"));
            }
            if (mark != null && mark.registrantId() != null && !seen.add(mark.registrantId())) {
                errors.add(new FieldViolation(path + ".registrantId", "each registrant once"));
            }
        });
        refuseIfAny(errors, "The attendance is invalid.");
    }

    /** Members named with feedback: none, or up to {@value #LIST_MAX} registrant ids, each once. */
    static void requireMembers(List<String> members) {
        List<FieldViolation> errors = new ArrayList<>();
        list(errors, "members", members, 0, LIST_MAX, ID_MAX, "items");
        if (members != null && new HashSet<>(members).size() != members.size()) {
            errors.add(new FieldViolation("members", "each member once"));
        }
        refuseIfAny(errors, "The members are invalid.");
    }

    static void requireGroup(int number, String theme) {
        List<FieldViolation> errors = new ArrayList<>();
        range(errors, "number", number, 1, 1000);
        text(errors, "theme", theme, THEME_MAX);
        refuseIfAny(errors, "The group is invalid.");
    }

    static void requireOpinion(String theme, String text, List<String> related) {
        List<FieldViolation> errors = new ArrayList<>();
        text(errors, "theme", theme, THEME_MAX);
        text(errors, "text", text, TEXT_MAX);
        list(errors, "related", related, 0, LIST_MAX, ITEM_MAX, "items");
        refuseIfAny(errors, "The opinion is invalid.");
    }

    static void requireMotion(String motion, String proposalId, DecisionOutcome proposalOutcome, int votesFor,
                              int votesAgainst, int abstentions) {
        List<FieldViolation> errors = new ArrayList<>();
        text(errors, "motion", motion, TEXT_MAX);
        if ((proposalId == null) != (proposalOutcome == null)) {
            errors.add(new FieldViolation("proposalOutcome", "give a proposal and its outcome together"));
        } else if (proposalOutcome != null && proposalOutcome != DecisionOutcome.ACCEPTED
                && proposalOutcome != DecisionOutcome.REJECTED) {
            errors.add(new FieldViolation("proposalOutcome", "ACCEPTED or REJECTED"));
        }
        for (var vote : List.of(Map.entry("votesFor", votesFor), Map.entry("votesAgainst", votesAgainst),
                Map.entry("abstentions", abstentions))) {
            range(errors, vote.getKey(), vote.getValue(), 0, ATTENDANCE_MAX);
        }
        refuseIfAny(errors, "The resolution is invalid.");
    }

    private static void times(List<FieldViolation> errors, Instant startsAt, Instant endsAt) {
        if (startsAt == null || endsAt == null) {
            errors.add(new FieldViolation(startsAt == null ? "startsAt" : "endsAt", "required"));
        } else if (!endsAt.isAfter(startsAt)) {
            errors.add(new FieldViolation("endsAt", "after startsAt"));
        } else if (startsAt.isBefore(EARLIEST) || endsAt.isAfter(LATEST)) {
            errors.add(new FieldViolation("startsAt", "between 1989 and 2200"));
        } else if (Duration.between(startsAt, endsAt).compareTo(LONGEST) > 0) {
            errors.add(new FieldViolation("endsAt", "a meeting lasts at most 14 days"));
        }
    }
}
