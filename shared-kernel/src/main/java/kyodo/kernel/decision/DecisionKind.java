package kyodo.kernel.decision;

/**
 * The kinds of decision the audit trail records. New kinds are added as features arrive; a kind
 * is never renamed or removed.
 */
public enum DecisionKind {
    /** Staff asked the proposer to revise a proposal. */
    REVISION_REQUEST,
    /** Staff referred a proposal to a meeting for deliberation. */
    REFERRAL,
    /** The answer to a proposal: accepted or rejected. */
    PROPOSAL_ANSWER,
    /** A meeting's resolution on a motion, adopted or failed. */
    RESOLUTION,
    /** A collaborative project was approved. */
    PROJECT_APPROVAL,
    /** A multi-party agreement was signed. */
    AGREEMENT,
    /** Money was allocated to a project from a ward budget. */
    BUDGET_ALLOCATION,
    /** A ward's budget envelope for a fiscal year was set. */
    BUDGET_ENVELOPE,
    /** A project was completed. */
    PROJECT_COMPLETION,
    /** A project was terminated. */
    PROJECT_TERMINATION,
    /** Staff withdrew a proposal's referral to a meeting: the meeting's resolution no longer decides it. */
    REFERRAL_WITHDRAWAL
}
