package kyodo.command.personal;

import kyodo.command.access.ActorMetadata;
import kyodo.command.access.CommandPermissions;
import kyodo.command.access.Permission;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.StaffRef;
import kyodo.kernel.access.Actor;
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

/**
 * Forgets a person: destroys their key in the vault, so that every sealed copy of their data in
 * events and read models stays unreadable for good, then records the erasure (without personal
 * data) as an event. Erasing twice keeps the first time and records nothing new.
 */
@Service
public class PersonalDataErasure {

    private final PersonKeyVault vault;
    private final EventGateway events;
    private final CommandWorkers workers;
    private final Clock clock;

    PersonalDataErasure(PersonKeyVault vault, EventGateway events, CommandWorkers workers, Clock clock) {
        this.vault = vault;
        this.events = events;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Erases on a command thread, which a client that hangs up does not interrupt half-way
     * ({@link CommandWorkers}).
     *
     * @param actor who erases; only an ADMIN may
     * @return when the subject's data was erased
     */
    public Mono<Instant> erase(String subjectId, Actor actor) {
        return workers.call(() -> eraseNow(subjectId, actor.staffRef()));
    }

    private Instant eraseNow(String subjectId, StaffRef actor) {
        CommandPermissions.require(actor, Permission.PERSONAL_DATA_ERASURE);
        PersonKeyVault.KeyState before = vault.state(subjectId);
        if (before == PersonKeyVault.KeyState.UNKNOWN) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND, "No data subject with that id.");
        }
        Instant erasedAt = vault.destroy(subjectId, clock.instant()).orElseThrow();
        if (before == PersonKeyVault.KeyState.ACTIVE) {
            events.publish(GenericEventMessage.asEventMessage(new PersonalDataErased(subjectId, erasedAt))
                    .andMetaData(ActorMetadata.of(actor)));
        }
        return erasedAt;
    }
}
