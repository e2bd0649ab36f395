package kyodo.command.web;

import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;

/**
 * The shapes every command route shares, from the sent command to its HTTP answer: a creation
 * answers 201 with {@code Location}, a command on an aggregate 200 with {@code {id, version}}, a
 * command that adds something also the id of what it added; the version is the ETag each time
 * ({@link CommandAnswer}). Sending, with its If-Match, Idempotency-Key and time stamp, is
 * {@link AggregateCommands}'s.
 */
@Component
public class CommandEdge {

    private final AggregateCommands commands;

    CommandEdge(AggregateCommands commands) {
        this.commands = commands;
    }

    /** Builds a command that adds something to an aggregate, under the id it is given. */
    @FunctionalInterface
    public interface Adding {
        Object build(String id, String addedId, Long expectedVersion, Instant at, StaffRef by);

        /** The command on the aggregate that adds the thing under {@code addedId}. */
        default AggregateCommands.OnSubject under(String addedId) {
            return (id, expectedVersion, at, by) -> build(id, addedId, expectedVersion, at, by);
        }
    }

    /** The answer to a command that added something: the aggregate, its new version, what was added. */
    @FunctionalInterface
    public interface AddedAnswer<T> {
        T of(String id, long version, String addedId);
    }

    /** Creates an aggregate under {@code collection}: 201, {@code Location}, {@code {id, version: 0}}. */
    public Mono<ResponseEntity<CommandAnswer>> create(String collection, String idempotencyKey, Object body,
                                                      Actor actor, AggregateCommands.Creating command) {
        return commands.create("POST " + collection, idempotencyKey, body, actor, command)
                .map(id -> CommandAnswer.created(collection, id, 0));
    }

    /** Sends a command to the subject: 200 with {@code {id, version}}. */
    public Mono<ResponseEntity<CommandAnswer>> send(CommandSubject subject, AggregateCommands.OnSubject command) {
        return commands.send(subject.id(), subject.ifMatch(), subject.actor(), command)
                .map(version -> CommandAnswer.ok(subject.id(), version));
    }

    /**
     * Sends a command that adds something to the subject under a fresh id: 200 with the answer built
     * from the new version and that id.
     */
    public <T> Mono<ResponseEntity<T>> add(CommandSubject subject, Adding command, AddedAnswer<T> answer) {
        String addedId = AggregateCommands.newId();
        return commands.send(subject.id(), subject.ifMatch(), subject.actor(), command.under(addedId))
                .map(version -> CommandAnswer.withEtag(version, answer.of(subject.id(), version, addedId)));
    }
}
