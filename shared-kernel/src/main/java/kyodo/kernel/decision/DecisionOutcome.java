package kyodo.kernel.decision;

/** What was decided. New outcomes may be added; none is renamed or removed. */
public enum DecisionOutcome {
    ACCEPTED, REJECTED, REVISION_REQUESTED, REFERRED, ADOPTED, APPROVED, SIGNED, ALLOCATED, SET, COMPLETED,
    TERMINATED, WITHDRAWN
}
