package kyodo.kernel.proposal;

/**
 * The programme a proposal arrives through (seeds: 幸区提案型協働推進事業 and other citizen-proposal
 * schemes, the suggestion box 目安箱, まちのひろば model projects).
 */
public enum ProposalProgramme {
    /** A ward's citizen-proposal collaboration programme (提案型協働推進事業). */
    CITIZEN_PROPOSAL,
    /** The suggestion box (目安箱). */
    SUGGESTION_BOX,
    /** まちのひろば model projects: vacant spaces, social experiments, new initiatives. */
    MACHI_NO_HIROBA,
    /** Anything else the ward office receives. */
    OTHER
}
