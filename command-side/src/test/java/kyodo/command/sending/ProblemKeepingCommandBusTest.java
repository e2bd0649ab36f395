package kyodo.command.sending;

import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.ProblemTranslation;
import kyodo.kernel.problem.CommonProblems;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.AxonServerException;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.GenericCommandResultMessage;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A failure found at commit leaves the handling node as its problem, and reaches the sender through
 * the Axon Server connector's own serialization with the same meaning.
 */
class ProblemKeepingCommandBusTest {

    private final CommandSerializer connector =
            new CommandSerializer(JacksonSerializer.defaultSerializer(), new AxonServerConfiguration());

    /** What the sender receives when the handling node's result is {@code handled}. */
    private Throwable received(CommandResultMessage<?> handled) {
        return connector.deserialize(connector.serialize(handled, "request-1")).exceptionResult();
    }

    private static CommandResultMessage<Object> failed(Throwable failure) {
        return GenericCommandResultMessage.asCommandResultMessage(failure);
    }

    /** Axon Server's answer to a second stream for one id, as its event store client raises it. */
    private static Throwable sequenceConflict() {
        return new ConcurrencyException("Invalid sequence number 0 for aggregate p-1",
                new AxonServerException("AXONIQ-2000", "Invalid sequence number 0 for aggregate p-1"));
    }

    @Test
    void aSecondCreationFoundAtCommitReachesTheSenderAsAlreadyCreated() {
        Throwable atSender = received(ProblemKeepingCommandBus.withProblem(failed(sequenceConflict())));

        assertThat(CommandOutcomes.alreadyCreated(atSender)).isTrue();
        assertThat(ProblemTranslation.problemOf(atSender).orElseThrow().status()).isEqualTo(409);
    }

    @Test
    void untranslatedTheConflictArrivesAsAMessageTheSenderCannotRead() {
        Throwable atSender = received(failed(sequenceConflict()));

        assertThat(atSender).isNotInstanceOf(ConcurrencyException.class);
        assertThat(CommandOutcomes.alreadyCreated(atSender)).isFalse();
    }

    @Test
    void anUnknownIdFoundAtCommitKeepsItsStatus() {
        Throwable atSender = received(ProblemKeepingCommandBus.withProblem(
                failed(new AggregateNotFoundException("p-1", "not found"))));

        assertThat(ProblemTranslation.problemOf(atSender).orElseThrow().slug())
                .isEqualTo(CommonProblems.NOT_FOUND.slug());
    }

    @Test
    void theConnectorsConflictCodeIsReadWhereNoDetailsCame() {
        assertThat(CommandOutcomes.alreadyCreated(new AxonServerException("AXONIQ-2000", "Invalid sequence number 0")))
                .isTrue();
        assertThat(CommandOutcomes.alreadyCreated(new AxonServerException("AXONIQ-9000", "disk"))).isFalse();
    }

    @Test
    void aSuccessPassesUnchanged() {
        CommandResultMessage<Object> stored = GenericCommandResultMessage.asCommandResultMessage(3L);
        assertThat(ProblemKeepingCommandBus.withProblem(stored)).isSameAs(stored);
    }
}
