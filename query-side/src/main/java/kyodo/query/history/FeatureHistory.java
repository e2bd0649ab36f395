package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A feature's part of the public history: how its events read and what state they leave. Each
 * feature extends it beside its projection (e.g. {@code ProposalHistory}) as a Spring bean, and
 * {@link FeatureHistories} collects them, so a new event or field is described and replayed in the
 * feature's own folder; this package knows only this type.
 */
public abstract class FeatureHistory {

    private final SubjectType subjectType;
    private final String aggregateType;
    private final Supplier<SubjectState> states;

    /**
     * @param subjectType   the kind of subject whose story this feature tells
     * @param aggregateType the aggregate type whose stream in the event store tells it, e.g. {@code "Proposal"}
     * @param states        a fresh state, before a subject's first event, to replay its events into
     */
    protected FeatureHistory(SubjectType subjectType, String aggregateType, Supplier<SubjectState> states) {
        this.subjectType = Objects.requireNonNull(subjectType, "subjectType");
        this.aggregateType = Objects.requireNonNull(aggregateType, "aggregateType");
        this.states = Objects.requireNonNull(states, "states");
    }

    /**
     * The event told for the public, or {@code null} when it is not one of this feature's events.
     * Sealed personal data shows as {@link PublicData#PERSONAL}, a staff member as a role.
     */
    public abstract EventStory describe(Object event);

    public final SubjectType subjectType() {
        return subjectType;
    }

    public final String aggregateType() {
        return aggregateType;
    }

    public final SubjectState newState() {
        return states.get();
    }
}
