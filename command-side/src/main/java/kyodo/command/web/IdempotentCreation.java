package kyodo.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creations with an {@code Idempotency-Key}: the first request with a key claims an aggregate id
 * for it (durably, before the command is sent); any repeat with the same body gets the same id
 * and the same answer, and creates nothing, since the event store refuses a second stream for the
 * id. The same key with another body is a 422.
 */
@Component
public class IdempotentCreation {

    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final ObjectMapper canonical;

    public IdempotentCreation(IdempotencyStore store, ObjectMapper mapper) {
        this.store = store;
        this.canonical = mapper.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * Creates an aggregate at most once per key.
     *
     * @param scope    what is being created, e.g. {@code POST /api/proposals}
     * @param key      the client's Idempotency-Key, or null for a plain creation
     * @param request  the request body, compared across repeats
     * @param dispatch sends the creation command for a given new id and completes when it is stored
     * @return the id of the created (or earlier created) aggregate
     */
    public Mono<String> create(String scope, String key, Object request, Function<String, Mono<?>> dispatch) {
        if (key == null) {
            String id = UUID.randomUUID().toString();
            return dispatch.apply(id).thenReturn(id);
        }
        validate(key);
        String hash = hash(request);
        return Mono.fromCallable(() -> store.claim(scope, key, hash, UUID.randomUUID().toString()))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(claim -> {
                    if (!claim.requestHash().equals(hash)) {
                        return Mono.error(new KyodoProblemException(CommonProblems.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was first used with a different request body."));
                    }
                    return dispatch.apply(claim.resourceId())
                            .thenReturn(claim.resourceId())
                            .onErrorResume(e -> alreadyCreated(e) && !claim.claimedNow(),
                                    e -> Mono.just(claim.resourceId()))
                            .onErrorResume(e -> claim.claimedNow() && !alreadyCreated(e),
                                    e -> Mono.fromRunnable(() -> store.release(scope, key))
                                            .subscribeOn(Schedulers.boundedElastic())
                                            .then(Mono.error(e)));
                });
    }

    private static boolean alreadyCreated(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AggregateStreamCreationException || t instanceof ConcurrencyException) {
                return true;
            }
        }
        return false;
    }

    private static void validate(String key) {
        boolean printable = key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
        if (key.isEmpty() || key.length() > MAX_KEY_LENGTH || !printable) {
            throw new KyodoProblemException(CommonProblems.IDEMPOTENCY_KEY_INVALID,
                    "An Idempotency-Key is 1 to " + MAX_KEY_LENGTH + " visible ASCII characters.",
                    List.of(new FieldViolation("Idempotency-Key", "1-" + MAX_KEY_LENGTH
                            + " visible ASCII characters")), Map.of());
        }
    }

    private String hash(Object request) {
        try {
            byte[] json = canonical.writeValueAsString(request).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot fingerprint a request", e);
        }
    }
}
