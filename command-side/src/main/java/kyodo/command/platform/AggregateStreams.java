package kyodo.command.platform;

import kyodo.command.access.ActorMetadata;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

import java.util.Optional;

/**
 * Whether an aggregate was created, and by whom, from the committed truth of the event store (the
 * JDBC store and Axon Server alike): its stream's first event and the staff id on it.
 */
@Component
public class AggregateStreams {

    private final EventStore eventStore;

    public AggregateStreams(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** The creation of that aggregate, if it was created. */
    public Optional<Creation> creation(String aggregateId) {
        return firstEvent(aggregateId).map(first -> {
            Object staffId = first.getMetaData().get(ActorMetadata.STAFF_ID);
            return new Creation(first.getType(), staffId == null ? null : staffId.toString());
        });
    }

    /** The event that created that aggregate (the first of its stream), if it was created. */
    public Optional<DomainEventMessage<?>> firstEvent(String aggregateId) {
        if (aggregateId == null || aggregateId.isBlank()) {
            return Optional.empty();
        }
        DomainEventStream stream = eventStore.readEvents(aggregateId, 0);
        return stream.hasNext() ? Optional.of(stream.next()) : Optional.empty();
    }

    /**
     * How an aggregate came to be.
     *
     * @param type    its aggregate type, e.g. {@code Proposal}
     * @param staffId the account that sent the creating command; null for one a policy sent
     */
    public record Creation(String type, String staffId) {
    }
}
