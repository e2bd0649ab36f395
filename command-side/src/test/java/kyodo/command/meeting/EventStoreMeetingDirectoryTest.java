package kyodo.command.meeting;

import kyodo.command.platform.AggregateStreams;
import kyodo.kernel.meeting.MeetingDirectory;

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
        directory = new EventStoreMeetingDirectory(new AggregateStreams(eventStore));
    }

    @Test
    void aMeetingExistsOnceItsStreamWasStartedByAMeetingAggregate() {
        eventStore.publish(new GenericDomainEventMessage<>("Meeting", "m-1", 0, "scheduled"));
        assertThat(directory.find("m-1")).contains(MeetingDirectory.Reach.CITY);
    }

    @Test
    void anIdWithoutEventsIsNoMeeting() {
        assertThat(directory.find("m-2")).isEmpty();
        assertThat(directory.find(" ")).isEmpty();
        assertThat(directory.find(null)).isEmpty();
    }

    @Test
    void theIdOfAnotherKindOfAggregateIsNoMeeting() {
        eventStore.publish(new GenericDomainEventMessage<>("Proposal", "p-1", 0, "submitted"));
        assertThat(directory.find("p-1")).isEmpty();
    }
}
