package kyodo.command.personal;

import kyodo.command.access.CommandPermissions;
import kyodo.command.access.Permission;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;

import java.util.List;

/**
 * Finds every record of one person by their contact, through the keyed blind index: for an
 * administrator answering a request to see or erase a person's data. Erased subjects are no longer
 * found (their contact's mark was forgotten with them).
 */
@Service
public class PersonLookup {

    private final ContactIndex index;
    private final CommandWorkers workers;

    PersonLookup(ContactIndex index, CommandWorkers workers) {
        this.index = index;
        this.workers = workers;
    }

    /**
     * @param actor who asks; only an ADMIN may
     * @return the person's subjects, oldest first; none when the contact is unknown
     */
    public Mono<List<IndexedSubject>> find(String contact, Actor actor) {
        return workers.call(() -> {
            CommandPermissions.require(actor.staffRef(), Permission.PERSON_LOOKUP);
            return index.find(PersonContact.checked(contact, index));
        });
    }
}
