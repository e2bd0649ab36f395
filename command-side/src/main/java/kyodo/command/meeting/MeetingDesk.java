package kyodo.command.meeting;

import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.PersonalDataSealing;
import kyodo.kernel.access.Actor;
import kyodo.kernel.meeting.Participant;
import kyodo.kernel.personal.IndexedSubject;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

/**
 * The meeting command that needs more than a mapping: registering a participant, whose name and
 * affiliation (and contact, by which an administrator finds the person) are sealed under a key of
 * their own before the command leaves, and only once the meeting said it takes them.
 */
@Service
public class MeetingDesk {

    private final AggregateCommands commands;
    private final PersonalDataSealing sealing;

    MeetingDesk(AggregateCommands commands, PersonalDataSealing sealing) {
        this.commands = commands;
        this.sealing = sealing;
    }

    /** A registered participant: their id and the meeting's version after the registration. */
    public record Registration(String participantId, long version) {
    }

    /**
     * Registers a participant. The meeting is asked first ({@link CheckRegistration}) whether it takes
     * the registration at all, with the same If-Match: an unknown meeting (404), one outside the
     * sender's ward (403), a stale version (412), a cancelled, closed or full meeting (409) are
     * refused before anything is sealed. Should the registration itself still be refused (the last
     * place taken in between), its key is taken back.
     *
     * @param nominatedBy the group that nominated the participant, if any
     */
    public Mono<Registration> register(String meetingId, String ifMatch, Participant participant, String nominatedBy,
                                       Actor actor) {
        String participantId = AggregateCommands.newId();
        return commands.send(meetingId, ifMatch, actor, (id, expected, at, by) -> new CheckRegistration(id, expected))
                .then(Mono.defer(() -> sealing.sealThenSend(participant,
                        subject -> IndexedSubject.participant(subject, meetingId), participant.contact(),
                        sealed -> commands.send(meetingId, ifMatch, actor, (id, expected, at, by) ->
                                new RegisterParticipant(id, expected, participantId, sealed, nominatedBy, at, by)))))
                .map(version -> new Registration(participantId, version));
    }
}
