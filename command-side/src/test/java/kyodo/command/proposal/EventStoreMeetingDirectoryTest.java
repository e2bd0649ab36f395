package kyodo.command.proposal;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventStoreMeetingDirectoryTest {

    private EmbeddedEventStore eventStore;
    private EventStoreMeetingDirectory directory;

    @BeforeEach
    void setUp() {
        eventStore = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        directory = new EventStoreMeetingDirectory(eventStore);
    }

    @Test
    void aMeetingExistsOnceItsStreamWasStartedByAMeetingAggregate() {
        eventStore.publish(new GenericDomainEventMessage<>("Meeting", "m-1", 0, "scheduled"));
        assertThat(directory.exists("m-1")).isTrue();
    }

    @Test
    void anIdWithoutEventsIsNoMeeting() {
        assertThat(directory.exists("m-2")).isFalse();
        assertThat(directory.exists(" ")).isFalse();
        assertThat(directory.exists(null)).isFalse();
    }

    @Test
    void theIdOfAnotherKindOfAggregateIsNoMeeting() {
        eventStore.publish(new GenericDomainEventMessage<>("Proposal", "p-1", 0, "submitted"));
        assertThat(directory.exists("p-1")).isFalse();
    }
}
