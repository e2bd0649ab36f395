package kyodo.command.meeting;

/**
 * Tells a meeting whether a proposal stands referred to it, undecided, from the command side's
 * own knowledge (the proposal's events), never the query side.
 */
public interface ReferredProposals {

    boolean isReferredTo(String proposalId, String meetingId);
}
