package kyodo.command.web;

import kyodo.command.sending.AggregateCommands;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Instant;
import java.util.function.BiFunction;

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
        Object build(String addedId, Long expectedVersion, Instant at, StaffRef by);
    }

    /** Creates an aggregate under {@code collection}: 201, {@code Location}, {@code {id, version: 0}}. */
    public Mono<ResponseEntity<CommandAnswer>> create(String collection, String idempotencyKey, Object body,
                                                      Actor actor, AggregateCommands.Creating command) {
        return commands.create("POST " + collection, idempotencyKey, body, actor, command)
                .map(id -> CommandAnswer.created(collection, id, 0));
    }

    /** Sends a command to the aggregate {@code id}: 200 with {@code {id, version}}. */
    public Mono<ResponseEntity<CommandAnswer>> send(String id, String ifMatch, Actor actor,
                                                    AggregateCommands.OnSubject command) {
        return commands.send(id, ifMatch, actor, command).map(version -> CommandAnswer.ok(id, version));
    }

    /**
     * Sends a command that adds something to the aggregate {@code id} under a fresh id: 200 with the
     * answer built from the new version and that id.
     */
    public <T> Mono<ResponseEntity<T>> add(String id, String ifMatch, Actor actor, Adding command,
                                           BiFunction<Long, String, T> answer) {
        String addedId = AggregateCommands.newId();
        return commands.send(id, ifMatch, actor, (expected, at, by) -> command.build(addedId, expected, at, by))
                .map(version -> CommandAnswer.withEtag(version, answer.apply(version, addedId)));
    }
}
