package kyodo.kernel.proposal;

/** How a proposal reached the ward office. */
public enum ProposalChannel {
    COUNTER, MAIL, WEB, MEETING
}
