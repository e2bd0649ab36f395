package kyodo.command.platform;

/**
 * A command whose handling records a decision (an answer, a referral, a resolution, an approval, an
 * allocation, an envelope…): it carries the id the decision will have. {@link DecisionOrder} commits
 * such commands one after another on the embedded event store.
 */
public interface DecidingCommand {

    /** The id of the decision it records. */
    String decisionId();
}
