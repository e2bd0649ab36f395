package kyodo.command.web;

import kyodo.kernel.StaffRef;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * What every command on an existing aggregate does at the edge: check the id's shape (404
 * otherwise), read If-Match as the expected version, stamp the time, send with the acting staff
 * member, and answer {@code {id, version}} with the version as ETag.
 */
@Component
public class AggregateCommands {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final CommandDispatch dispatch;
    private final Clock clock;

    AggregateCommands(CommandDispatch dispatch, Clock clock) {
        this.dispatch = dispatch;
        this.clock = clock;
    }

    /**
     * Sends the command built from the expected version and the time.
     *
     * @param command builds the command from (expected version or null, time)
     */
    public Mono<ResponseEntity<CommandAnswer>> send(String id, String ifMatch, StaffRef actor,
                                                    BiFunction<Long, Instant, Object> command) {
        return sendThen(id, ifMatch, actor, command, version -> CommandAnswer.ok(id, version));
    }

    /** As {@link #send}, with an answer of the caller's shape (e.g. with the id of what was added). */
    public <T> Mono<ResponseEntity<T>> sendThen(String id, String ifMatch, StaffRef actor,
                                                BiFunction<Long, Instant, Object> command,
                                                Function<Long, ResponseEntity<T>> answer) {
        if (!ID.matcher(id).matches()) {
            return Mono.error(new KyodoProblemException(CommonProblems.NOT_FOUND, "No resource with that id."));
        }
        Long expected = IfMatch.expectedVersion(ifMatch);
        return dispatch.sendForVersion(command.apply(expected, now()), actor).map(answer);
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
