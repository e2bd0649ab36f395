package kyodo.kernel.proposal;

/**
 * An event that changes how many residents support a proposal, carrying the count after it, so a read
 * model sets the figure instead of adding to it (a replayed event changes nothing).
 */
public interface ProposalSupportCount {

    /** The proposal. */
    String proposalId();

    /** How many verified residents support it after this event. */
    int supports();
}
