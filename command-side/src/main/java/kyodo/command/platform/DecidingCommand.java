package kyodo.command.platform;

/**
 * A command whose handling records a decision (an answer, a referral, a resolution, an approval, an
 * allocation, an envelope…): it carries the id the decision will have. The order in which decisions
 * commit is kept by {@link DecisionOrder}, from the decision events the handling appends.
 */
public interface DecidingCommand {

    /** The id of the decision it records. */
    String decisionId();
}
