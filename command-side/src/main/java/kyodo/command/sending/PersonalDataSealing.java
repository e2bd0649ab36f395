package kyodo.command.sending;

import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.function.Function;

/**
 * Seals a person's data under a key of their own for the one command that carries it, and takes
 * the key back when that command stored nothing: refused (full, closed, stale, forbidden...) or a
 * repeat of a creation that already happened. Callers check what they can before sealing; this
 * covers the race in which a command passes the check and is refused all the same. A command whose
 * fate is unknown (a timeout) keeps its key: it may still commit, and an event without its key
 * would not open.
 */
@Component
public class PersonalDataSealing {

    private final PersonalDataProtector protector;
    private final PersonKeyVault vault;
    private final CommandWorkers workers;
    private final Clock clock;

    PersonalDataSealing(PersonalDataProtector protector, PersonKeyVault vault, CommandWorkers workers, Clock clock) {
        this.protector = protector;
        this.vault = vault;
        this.workers = workers;
        this.clock = clock;
    }

    /**
     * Seals {@code value} for a new data subject, then sends the command that carries it.
     *
     * @param send sends the command with the sealed data and completes with its answer
     */
    public <T> Mono<T> sealThenSend(Object value, Function<SealedPersonalData, Mono<T>> send) {
        // on a command thread, which a client that hangs up does not interrupt: a key is either stored
        // (and the command sent) or not, never left half-way
        return workers.call(() -> protector.sealForNewSubject(UUID.randomUUID().toString(), value,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .flatMap(sealed -> Mono.defer(() -> send.apply(sealed))
                        .onErrorResume(CommandOutcomes::storedNothing, refused -> workers.run(
                                        () -> vault.discard(sealed.subjectId()))
                                .then(Mono.error(refused))));
    }
}
