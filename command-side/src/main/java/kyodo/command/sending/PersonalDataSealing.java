package kyodo.command.sending;

import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

/**
 * Seals a person's data under a key of their own for the one command that carries it, and takes
 * the key back when that command stored nothing: refused (full, closed, stale, forbidden...) or a
 * repeat of a creation that already happened. Callers check what they can before sealing; this
 * covers the race in which a command passes the check and is refused all the same. A command
 * withdrawn before it started ({@link CommandWorkers}: it never runs) gives its key back too. A
 * command whose fate is unknown (its outcome not known in time) keeps its key: it may still commit,
 * and an event without its key would not open. Taking a key back is never withdrawn.
 * <p>
 * A subject whose record is known when it is sealed is entered in the {@link ContactIndex} with its
 * contact's keyed mark in the same step, so that an administrator can find every record of a person:
 * in the transaction of the vault that stores the key, both or neither.
 */
@Component
public class PersonalDataSealing {

    private final PersonalDataProtector protector;
    private final PersonKeyVault vault;
    private final ContactIndex index;
    private final CommandWorkers workers;
    private final Clock clock;

    PersonalDataSealing(PersonalDataProtector protector, PersonKeyVault vault, ContactIndex index,
                        CommandWorkers workers, Clock clock) {
        this.protector = protector;
        this.vault = vault;
        this.index = index;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Seals {@code value} for a new data subject, enters the subject in the contact index, then sends
     * the command that carries it.
     *
     * @param subject the record the data is sealed for, given the new subject id
     * @param contact the person's contact as typed (the index keeps only its keyed mark), or null
     * @param send    sends the command with the sealed data and completes with its answer
     */
    public <T> Mono<T> sealThenSend(Object value, Function<String, IndexedSubject> subject, String contact,
                                    Function<SealedPersonalData, Mono<T>> send) {
        return sealThenSend(value, (subjectId, at) -> protector.sealForNewSubject(subjectId, value, at,
                index.entry(subject.apply(subjectId), contact, at)), send);
    }

    /**
     * Seals {@code value} for a new data subject, then sends the command that carries it.
     *
     * @param send sends the command with the sealed data and completes with its answer
     */
    public <T> Mono<T> sealThenSend(Object value, Function<SealedPersonalData, Mono<T>> send) {
        return sealThenSend(value, (subjectId, at) -> protector.sealForNewSubject(subjectId, value, at), send);
    }

    /**
     * Seals {@code value} under the key a subject already has, then sends the command that carries it.
     * The key is never taken back: it belongs to the person (a resident's account), not to this command.
     *
     * @param send sends the command with the sealed data and completes with its answer
     */
    public <T> Mono<T> sealForSubjectThenSend(String subjectId, Object value, Function<SealedPersonalData, Mono<T>> send) {
        return workers.call(() -> protector.sealForSubject(subjectId, value)).flatMap(send);
    }

    private <T> Mono<T> sealThenSend(Object value, Sealing sealing, Function<SealedPersonalData, Mono<T>> send) {
        // on a command thread, which a client that hangs up does not interrupt: a key is either stored
        // (and the command sent) or not, never left half-way
        return workers.call(() -> sealing.seal(UUID.randomUUID().toString(),
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .flatMap(sealed -> Mono.defer(() -> send.apply(sealed))
                        .onErrorResume(CommandOutcomes::storedNothing, refused -> workers.compensate(
                                        () -> discard(sealed.subjectId()))
                                .then(Mono.error(refused))));
    }

    private void discard(String subjectId) {
        index.discard(subjectId);
        vault.discard(subjectId);
    }

    /** Seals the value for a new subject, with or without its entry in the contact index (one transaction). */
    @FunctionalInterface
    private interface Sealing {
        SealedPersonalData seal(String subjectId, Instant at);
    }
}
