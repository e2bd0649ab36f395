package kyodo.kernel.decision;

/**
 * An event that records a decision. Every aggregate's decision events implement it, so that the
 * audit trail and the decision analytics handle all of them alike.
 */
public interface DecisionEvent {

    Decision decision();
}
