package kyodo.command.personal;

import kyodo.command.platform.CommandOutcomes;
import kyodo.kernel.personal.PersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

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
    private final Clock clock;

    PersonalDataSealing(PersonalDataProtector protector, PersonKeyVault vault, Clock clock) {
        this.protector = protector;
        this.vault = vault;
        this.clock = clock;
    }

    /**
     * Seals {@code value} for a new data subject, then sends the command that carries it.
     *
     * @param send sends the command with the sealed data and completes with its answer
     */
    public <T> Mono<T> sealThenSend(Object value, Function<SealedPersonalData, Mono<T>> send) {
        return Mono.fromCallable(() -> protector.sealForNewSubject(UUID.randomUUID().toString(), value,
                        clock.instant().truncatedTo(ChronoUnit.MILLIS)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(sealed -> Mono.defer(() -> send.apply(sealed))
                        .onErrorResume(CommandOutcomes::storedNothing, refused -> Mono.fromRunnable(
                                        () -> vault.discard(sealed.subjectId()))
                                .subscribeOn(Schedulers.boundedElastic())
                                .then(Mono.error(refused))));
    }
}
