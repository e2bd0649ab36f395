package kyodo.command.personal;

import kyodo.command.access.ActorMetadata;
import kyodo.command.access.CommandPermissions;
import kyodo.command.access.Permission;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataErased;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Forgets a person: destroys their key in the vault, so that every sealed copy of their data in
 * events and read models stays unreadable for good, then records the erasure (without personal
 * data) as an event, stored before the key is destroyed (a retry after a failure in between finishes
 * the erasure). Erasing twice keeps the first time and records nothing new.
 * <p>
 * A person, found by contact in the {@link ContactIndex}, is erased in every record at once: one
 * {@link PersonalDataErased} per subject, as if each were erased alone, so the decision log and its
 * checkpoints are untouched (no decision is an erasure). The contact's mark is forgotten with each
 * subject, after its key: a retry after a failure half-way finds the rest and erases them.
 */
@Service
public class PersonalDataErasure {

    private final PersonKeyVault vault;
    private final ContactIndex index;
    private final EventGateway events;
    private final CommandWorkers workers;
    private final Clock clock;

    PersonalDataErasure(PersonKeyVault vault, ContactIndex index, EventGateway events, CommandWorkers workers,
                        Clock clock) {
        this.vault = vault;
        this.index = index;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Erases on a command thread, which a client that hangs up does not interrupt half-way
     * ({@link CommandWorkers}).
     *
     * @param actor who erases; only an ADMIN may, or the resident whose account's subject it is
     * @return when the subject's data was erased
     */
    public Mono<Instant> erase(String subjectId, Actor actor) {
        return workers.call(() -> eraseNow(subjectId, actor.staffRef()));
    }

    /**
     * Erases every record of the person with that contact, on a command thread.
     *
     * @param actor who erases; only an ADMIN may
     * @return each subject erased, with when
     * @throws KyodoProblemException not-found when no subject is known by that contact (any more: an
     *                               erased person is not), invalid-input for a contact that is none
     */
    public Mono<List<ErasedSubject>> erasePerson(String contact, Actor actor) {
        return workers.call(() -> {
            CommandPermissions.require(actor.staffRef(), Permission.PERSONAL_DATA_ERASURE);
            List<IndexedSubject> subjects = index.find(PersonContact.checked(contact, index));
            if (subjects.isEmpty()) {
                throw new KyodoProblemException(CommonProblems.NOT_FOUND,
                        "No data subject is known by that contact; a person already erased is no longer known by it.");
            }
            List<ErasedSubject> erased = new ArrayList<>();
            for (IndexedSubject subject : subjects) {
                erased.add(new ErasedSubject(subject, eraseNow(subject.subjectId(), actor.staffRef())));
            }
            return erased;
        });
    }

    /** A subject of a person erased, and when its key was destroyed. */
    public record ErasedSubject(IndexedSubject subject, Instant erasedAt) {
    }

    private Instant eraseNow(String subjectId, StaffRef actor) {
        CommandPermissions.requireErasure(actor, subjectId);
        PersonKeyVault.KeyState before = vault.state(subjectId);
        if (before == PersonKeyVault.KeyState.UNKNOWN) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND, "No data subject with that id.");
        }
        Instant erasedAt = clock.instant();
        if (before == PersonKeyVault.KeyState.ACTIVE) {
            // The event is stored before the key is destroyed: a failure in between leaves the key
            // active, so a retry records the erasure again and destroys it. The other way round, a key
            // destroyed before a failed publish looked erased to the retry, which then recorded nothing.
            events.publish(GenericEventMessage.asEventMessage(new PersonalDataErased(subjectId, erasedAt))
                    .andMetaData(ActorMetadata.of(actor)));
        }
        erasedAt = vault.destroy(subjectId, erasedAt).orElseThrow(); // erased before: its first time
        index.forget(subjectId);
        return erasedAt;
    }
}
