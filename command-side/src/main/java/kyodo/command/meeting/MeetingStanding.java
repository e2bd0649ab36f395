package kyodo.command.meeting;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;

import java.util.List;
import java.util.Map;

/**
 * The checks of where a meeting stands that several of its commands share, each refusing with the
 * rule's problem type and the meeting's current status.
 */
final class MeetingStanding {

    private MeetingStanding() {
    }

    static void requireScheduled(Meeting.Status status) {
        requireNot(status, Meeting.Status.CANCELLED, MeetingProblems.CANCELLED, "The meeting was cancelled.");
        if (status != Meeting.Status.SCHEDULED) {
            throw refused(status, MeetingProblems.ALREADY_OPENED, "Only a meeting that has not opened can do this.");
        }
    }

    static void requireOpen(Meeting.Status status) {
        requireNot(status, Meeting.Status.CANCELLED, MeetingProblems.CANCELLED, "The meeting was cancelled.");
        if (status != Meeting.Status.OPEN) {
            throw refused(status, status == Meeting.Status.CLOSED ? MeetingProblems.CLOSED : MeetingProblems.NOT_OPEN,
                    "Only an open meeting records this.");
        }
    }

    static void requireNot(Meeting.Status status, Meeting.Status forbidden, ProblemKind type, String detail) {
        if (status == forbidden) {
            throw refused(status, type, detail);
        }
    }

    static KyodoProblemException refused(Meeting.Status status, ProblemKind type, String detail) {
        return new KyodoProblemException(type, detail, List.of(), Map.of("currentStatus", status.name()));
    }
}
