package kyodo.command.meeting;

import kyodo.command.personal.PersonalDataSealing;
import kyodo.command.web.AggregateCommands;
import kyodo.command.web.CommandDispatch;
import kyodo.command.web.IdempotentCreation;
import kyodo.kernel.StaffRef;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.personal.SealedPersonalData;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The two meeting commands that need more than a mapping: scheduling (at most once per
 * Idempotency-Key) and registering a participant, whose name and affiliation are sealed under a
 * key of their own before the command leaves, and only once the meeting said it takes them.
 */
@Service
public class MeetingDesk {

    static final String ROUTE = "POST /api/meetings";

    private final CommandDispatch dispatch;
    private final AggregateCommands commands;
    private final IdempotentCreation creation;
    private final PersonalDataSealing sealing;
    private final Clock clock;

    MeetingDesk(CommandDispatch dispatch, AggregateCommands commands, IdempotentCreation creation,
                PersonalDataSealing sealing, Clock clock) {
        this.dispatch = dispatch;
        this.commands = commands;
        this.creation = creation;
        this.sealing = sealing;
        this.clock = clock;
    }

    /**
     * Schedules a meeting.
     *
     * @param command builds the command for the new id and the time
     * @return the new meeting's id
     */
    public Mono<String> schedule(String idempotencyKey, Object fingerprint, StaffRef actor,
                                 BiFunction<String, Instant, ScheduleMeeting> command) {
        return creation.create(ROUTE, idempotencyKey, fingerprint,
                meetingId -> dispatch.send(command.apply(meetingId, now()), actor));
    }

    /**
     * Registers a participant. The meeting is asked first ({@link CheckRegistration}) whether it takes
     * the registration at all, with the same If-Match: an unknown meeting (404), one outside the
     * sender's ward (403), a stale version (412), a cancelled, closed or full meeting (409) are
     * refused before anything is sealed. Should the registration itself still be refused (the last
     * place taken in between), its key is taken back.
     *
     * @param register sends the registration with the sealed participant
     */
    public <T> Mono<T> register(String meetingId, String ifMatch, Participant participant, StaffRef actor,
                                Function<SealedPersonalData, Mono<T>> register) {
        return commands.send(meetingId, ifMatch, actor, (expected, at) -> new CheckRegistration(meetingId, expected))
                .then(Mono.defer(() -> sealing.sealThenSend(participant, register)));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
