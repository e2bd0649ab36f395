package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A subject's public history, read straight from the event store (not from a read model), and its
 * public state at a moment, rebuilt by replaying that history. Blocking: call it off the event loop.
 */
@Component
public class SubjectHistory {

    private final EventStore eventStore;
    private final FeatureHistories features;

    /** @param features every feature's history, as Spring collects them */
    public SubjectHistory(EventStore eventStore, List<FeatureHistory> features) {
        this.eventStore = eventStore;
        this.features = new FeatureHistories(features);
    }

    /** Every event of the subject, described for the public. */
    public HistoryView history(SubjectType type, String id) {
        List<HistoryEntry> entries = events(type, id).stream().map(features::describe).toList();
        return new HistoryView(type, id, entries);
    }

    /** The subject's public state after the events recorded at or before {@code asOf}. */
    public StateView stateAsOf(SubjectType type, String id, Instant asOf) {
        List<HistoryEvent> events = events(type, id);
        FeatureHistories.Replayed replayed = features.replay(type, events, asOf);
        if (replayed.version() < 0) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND,
                    "The " + type.code() + " did not exist yet at " + asOf + "; its first event was recorded at "
                            + events.get(0).at() + ".");
        }
        return new StateView(type, id, asOf, replayed.version(), replayed.state());
    }

    /**
     * The subject's history and its public state at {@code asOf}, from one read of its events: what a
     * page showing the subject "as of" a moment needs. Unlike {@link #stateAsOf}, a moment before the
     * subject's first event is no failure: the state is then empty (the subject did not exist yet).
     */
    public PastView past(SubjectType type, String id, Instant asOf) {
        List<HistoryEvent> events = events(type, id);
        FeatureHistories.Replayed replayed = features.replay(type, events, asOf);
        HistoryView history = new HistoryView(type, id, events.stream().map(features::describe).toList());
        return new PastView(history, replayed.version() < 0 ? Optional.empty()
                : Optional.of(new StateView(type, id, asOf, replayed.version(), replayed.state())));
    }

    /** The subject's events in order; 404 when there are none or they belong to another kind of subject. */
    List<HistoryEvent> events(SubjectType type, String id) {
        List<HistoryEvent> events = new ArrayList<>();
        String expected = features.aggregateType(type);
        DomainEventStream stream = eventStore.readEvents(id, 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> message = stream.next();
            if (!expected.equals(message.getType())) {
                throw notFound(type);
            }
            events.add(new HistoryEvent(message.getSequenceNumber(), message.getTimestamp(), message.getPayload()));
        }
        if (events.isEmpty()) {
            throw notFound(type);
        }
        return events;
    }

    private static KyodoProblemException notFound(SubjectType type) {
        return new KyodoProblemException(CommonProblems.NOT_FOUND, "No " + type.code() + " with that id.");
    }

    /** {@code GET /public/history/{subjectType}/{id}}. */
    public record HistoryView(SubjectType subjectType, String subjectId, List<HistoryEntry> events) {
    }

    /** A subject's whole history and its state at a moment, empty when it did not exist yet then. */
    public record PastView(HistoryView history, Optional<StateView> state) {
    }

    /** {@code GET /public/history/{subjectType}/{id}?asOf=}. */
    public record StateView(SubjectType subjectType, String subjectId, Instant asOf, long version,
                            Map<String, Object> state) {
    }
}
