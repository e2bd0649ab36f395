package kyodo.command.proposal;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemKind;
import kyodo.kernel.proposal.ProposalStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks of where a proposal stands that several of its commands share, each refusing with the
 * rule's problem type and the proposal's current status.
 */
final class ProposalStanding {

    static final Set<ProposalStatus> DECIDED = Set.of(ProposalStatus.ACCEPTED, ProposalStatus.REJECTED);

    private ProposalStanding() {
    }

    static void requireOpen(ProposalStatus status) {
        if (status == ProposalStatus.WITHDRAWN) {
            throw refused(status, ProposalProblems.WITHDRAWN, "A withdrawn proposal takes no further commands.");
        }
    }

    static void requireUndecidedAndAcknowledged(ProposalStatus status) {
        requireOpen(status);
        if (DECIDED.contains(status)) {
            throw refused(status, ProposalProblems.ALREADY_DECIDED, "The proposal was already answered.");
        }
        if (status == ProposalStatus.SUBMITTED) {
            throw refused(status, ProposalProblems.NOT_ACKNOWLEDGED, "Acknowledge the proposal first.");
        }
    }

    /** The referral lock: a referred proposal is the meeting's to decide until the referral is withdrawn. */
    static void requireNotReferred(ProposalStatus status, String referredTo) {
        if (status == ProposalStatus.REFERRED_TO_MEETING) {
            throw refused(status, ProposalProblems.DECIDED_BY_MEETING, "The proposal is before meeting " + referredTo
                    + "; its resolution decides it unless the referral is withdrawn.");
        }
    }

    static KyodoProblemException refused(ProposalStatus status, ProblemKind type, String detail) {
        return new KyodoProblemException(type, detail, List.of(), Map.of("currentStatus", status.name()));
    }
}
