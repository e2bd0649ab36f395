package kyodo.kernel.proposal;

/** Where a proposal stands, as every view shows it. */
public enum ProposalStatus {
    SUBMITTED, ACKNOWLEDGED, REVISION_REQUESTED, REFERRED_TO_MEETING, ACCEPTED, REJECTED, WITHDRAWN
}
