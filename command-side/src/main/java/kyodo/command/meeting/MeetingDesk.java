package kyodo.command.meeting;

import kyodo.command.proposal.MeetingDirectory;
import kyodo.command.web.ActingStaff;
import kyodo.command.web.CommandDispatch;
import kyodo.command.web.IdempotentCreation;
import kyodo.kernel.StaffRef;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The two meeting commands that need more than a mapping: scheduling (at most once per
 * Idempotency-Key) and registering a participant, whose name and affiliation are sealed under a
 * key of their own before the command leaves.
 */
@Service
public class MeetingDesk {

    static final String SCOPE = "POST /api/meetings";

    private final CommandDispatch dispatch;
    private final IdempotentCreation creation;
    private final PersonalDataProtector protector;
    private final MeetingDirectory meetings;
    private final Clock clock;

    MeetingDesk(CommandDispatch dispatch, IdempotentCreation creation, PersonalDataProtector protector,
                MeetingDirectory meetings, Clock clock) {
        this.dispatch = dispatch;
        this.creation = creation;
        this.protector = protector;
        this.meetings = meetings;
        this.clock = clock;
    }

    /**
     * Schedules a meeting.
     *
     * @param command builds the command for the new id and the time
     * @return the new meeting's id
     */
    public Mono<String> schedule(String idempotencyKey, Object fingerprint, StaffRef actor,
                                 java.util.function.BiFunction<String, Instant, ScheduleMeeting> command) {
        return creation.create(SCOPE, idempotencyKey, fingerprint,
                meetingId -> dispatch.send(command.apply(meetingId, now()), actor));
    }

    /**
     * Seals a participant's name and affiliation under a new subject's own key, once it is clear the
     * registration can go ahead at all: the meeting exists (404) and the sender's ward scope covers it
     * (403; the meeting checks again). A refused registration creates no key.
     */
    public Mono<SealedPersonalData> seal(String meetingId, Participant participant) {
        return ActingStaff.current().flatMap(actor -> Mono.fromCallable(() -> {
            MeetingDirectory.Reach meeting = meetings.find(meetingId).orElseThrow(() ->
                    new KyodoProblemException(CommonProblems.NOT_FOUND, "No meeting with that id."));
            if (!actor.covers(meeting.ward())) {
                throw new KyodoProblemException(CommonProblems.FORBIDDEN, "This meeting is held outside your ward.");
            }
            return protector.sealForNewSubject(UUID.randomUUID().toString(), participant, now());
        }).subscribeOn(Schedulers.boundedElastic()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
