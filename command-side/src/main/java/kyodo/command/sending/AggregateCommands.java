package kyodo.command.sending;

import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every command does on its way to an aggregate: a creation gets its id (at most once per
 * Idempotency-Key, {@link IdempotentCreation}); a command on an existing aggregate has its id's
 * shape checked (404 otherwise) and its If-Match read as the expected version. Both are stamped
 * with the time and the acting staff member and sent for the actor; the answer is the new id or the
 * aggregate's new version, which the caller turns into whatever answer it gives.
 */
@Component
public class AggregateCommands {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CommandDispatch dispatch;
    private final IdempotentCreation creation;
    private final Clock clock;

    AggregateCommands(CommandDispatch dispatch, IdempotentCreation creation, Clock clock) {
        this.dispatch = dispatch;
        this.creation = creation;
        this.clock = clock;
    }

    /** Builds a command on an existing aggregate. */
    @FunctionalInterface
    public interface OnSubject {
        /**
         * @param id              the aggregate's id
         * @param expectedVersion the version If-Match names, or null for the current one
         * @param at              the time the command is stamped with
         * @param by              the acting staff member
         */
        Object build(String id, Long expectedVersion, Instant at, StaffRef by);
    }

    /** Builds the command that creates an aggregate. */
    @FunctionalInterface
    public interface Creating {
        Object build(String newId, Instant at, StaffRef by);
    }

    /**
     * Sends a command to the aggregate {@code id}.
     *
     * @param ifMatch the client's If-Match, or null
     * @return the aggregate's version after the command
     */
    public Mono<Long> send(String id, String ifMatch, Actor actor, OnSubject command) {
        if (!ID.matcher(id).matches()) {
            return Mono.error(new KyodoProblemException(CommonProblems.NOT_FOUND, "No resource with that id."));
        }
        Long expected = IfMatch.expectedVersion(ifMatch);
        return dispatch.sendForVersion(command.build(id, expected, now(), actor.staffRef()), actor);
    }

    /**
     * Creates an aggregate, at most once per Idempotency-Key, ward scope and route.
     *
     * @param route       what is being created, e.g. {@code POST /api/meetings}: the scope of the key
     * @param key         the client's Idempotency-Key, or null
     * @param fingerprint what identifies a repeat (the request body)
     * @return the id of the created (or earlier created) aggregate
     */
    public Mono<String> create(String route, String key, Object fingerprint, Actor actor, Creating command) {
        return createWith(route, key, fingerprint, actor,
                id -> dispatch.send(command.build(id, now(), actor.staffRef()), actor));
    }

    /**
     * Creates an aggregate at most once per Idempotency-Key, ward scope and route, with a creation of
     * the caller's own (e.g. one that seals personal data before it sends).
     *
     * @param creation sends the creation for the new id; {@link #send(Object, Actor)} sends its command
     */
    public Mono<String> createWith(String route, String key, Object fingerprint, Actor actor,
                                   Function<String, Mono<?>> creation) {
        return this.creation.create(route, key, fingerprint, actor, creation);
    }

    /** Sends a command that names its aggregate itself, and answers the handler's result. */
    public Mono<Object> send(Object command, Actor actor) {
        return dispatch.send(command, actor);
    }

    /** The time commands are stamped with: to the millisecond, what every store can hold. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /** A fresh id for a decision, a participant, an opinion or a resolution. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }
}
