package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;

/**
 * A feature's part of the public history: how its events read and what state they leave. Each
 * feature implements it beside its projection (e.g. {@code ProposalHistory}) as a Spring bean, and
 * {@link FeatureHistories} collects them, so a new event or field is described and replayed in the
 * feature's own folder; this package knows only this interface.
 */
public interface FeatureHistory {

    /** The kind of subject whose story this feature tells. */
    SubjectType subjectType();

    /** The aggregate type whose stream in the event store tells that story, e.g. {@code "Proposal"}. */
    String aggregateType();

    /**
     * The event told for the public, or {@code null} when it is not one of this feature's events.
     * Sealed personal data shows as {@link PublicData#PERSONAL}, a staff member as a role.
     */
    EventStory describe(Object event);

    /** A fresh state, before the subject's first event, to replay its events into. */
    SubjectState newState();
}
