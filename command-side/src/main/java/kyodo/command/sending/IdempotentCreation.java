package kyodo.command.sending;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import kyodo.command.platform.AggregateStreams;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Creations with an {@code Idempotency-Key}: the first request with a key claims an aggregate id
 * for it (durably, before the command is sent); any repeat with the same body gets the same id
 * and the same answer, and creates nothing. The same key with another body is a 422.
 *
 * <p>A key belongs to the signed-in account's ward scope (its ward, or city-wide) and the route:
 * staff of another ward (or city-wide staff) using the same key make a creation of their own and
 * learn nothing of the first, and the same key on another route is another key. Within one ward the
 * key is shared, as a ward office's paper-form numbers are: two counters entering the same form
 * record one proposal, and staff of the ward may read it anyway.
 *
 * <p>A repeat whose aggregate exists is answered from the claim alone: the command is not built
 * again, so nothing is sealed for it. Only a claim whose creation is not (yet) stored — a crash
 * after the claim, or the first request still in flight — sends the command again; the event store
 * then refuses a second stream for the id, which is read as "already created".
 */
@Component
public class IdempotentCreation {

    private static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyStore store;
    private final AggregateStreams streams;
    private final CommandWorkers workers;
    private final ObjectMapper canonical;

    public IdempotentCreation(IdempotencyStore store, AggregateStreams streams, CommandWorkers workers,
                              ObjectMapper mapper) {
        this.store = store;
        this.streams = streams;
        this.workers = workers;
        this.canonical = mapper.copy()
                .configure(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true)
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    /**
     * Creates an aggregate at most once per key, ward scope and route.
     *
     * @param route    what is being created, e.g. {@code POST /api/proposals}
     * @param key      the client's Idempotency-Key, or null for a plain creation
     * @param request  the request body, compared across repeats
     * @param account  the signed-in actor: the key is held in their ward scope
     * @param dispatch sends the creation command for a given new id and completes when it is stored
     * @return the id of the created (or earlier created) aggregate
     */
    public Mono<String> create(String route, String key, Object request, Actor account,
                               Function<String, Mono<?>> dispatch) {
        if (key == null) {
            String id = UUID.randomUUID().toString();
            return dispatch.apply(id).thenReturn(id);
        }
        validate(key);
        String hash = hash(request);
        return workers.call(() -> claim(route, account.scopeCode(), account.staffId(), key, hash))
                .flatMap(claim -> {
                    if (!claim.claim().requestHash().equals(hash)) {
                        return Mono.error(new KyodoProblemException(CommonProblems.IDEMPOTENCY_KEY_REUSED,
                                "This Idempotency-Key was first used with a different request body."));
                    }
                    String id = claim.claim().resourceId();
                    if (claim.created()) {
                        return Mono.just(id);
                    }
                    boolean claimedNow = claim.claim().claimedNow();
                    // "already created" is this key's creation whoever stored it: the id is the
                    // claim's, so only a repeat of this request can have beaten this one to it
                    return dispatch.apply(id)
                            .thenReturn(id)
                            .onErrorResume(CommandOutcomes::alreadyCreated, e -> Mono.just(id))
                            // a refused creation frees its key (its body may be corrected and sent again
                            // with it). One withdrawn before it started, or of unknown fate, keeps it: the
                            // retry sends the same creation under the claimed id, and a repeat of the key
                            // sent meanwhile, which may have created it under that id, keeps its answer
                            .onErrorResume(e -> claimedNow && CommandOutcomes.storedNothing(e)
                                            && !CommandOutcomes.withdrawn(e),
                                    e -> workers.compensate(() -> store.release(claim.scope(), key))
                                            .then(Mono.error(e)));
                });
    }

    /**
     * The scope a key is held in: the route and the ward scope of the account, e.g.
     * {@code POST /api/proposals in saiwai} (or {@code in city}).
     */
    static String scope(String route, String wardScope) {
        return route + " in " + wardScope;
    }

    /**
     * The claim in force for this key in this ward scope on this route, and whether its aggregate is
     * stored already (then a repeat is answered without sending anything).
     */
    private ClaimInForce claim(String route, String wardScope, String account, String key, String hash) {
        String scope = scope(route, wardScope);
        Optional<IdempotencyStore.Claim> earlier = store.find(scope, key);
        if (earlier.isPresent()) {
            return new ClaimInForce(scope, earlier.get(), streams.creation(earlier.get().resourceId()).isPresent());
        }
        Optional<IdempotencyStore.Claim> legacy = legacyClaimOf(route, account, key);
        if (legacy.isPresent()) {
            return new ClaimInForce(route, legacy.get(), true);
        }
        IdempotencyStore.Claim claim = store.claim(scope, key, hash, UUID.randomUUID().toString());
        return new ClaimInForce(scope, claim, !claim.claimedNow()
                && streams.creation(claim.resourceId()).isPresent());
    }

    /**
     * A claim stored before keys were scoped (scope: the route alone), honoured only for the account
     * whose creation it made; anyone else's, or one whose creation never happened, is ignored.
     */
    private Optional<IdempotencyStore.Claim> legacyClaimOf(String route, String account, String key) {
        return store.find(route, key).filter(claim -> streams.creation(claim.resourceId())
                .filter(creation -> Objects.equals(creation.staffId(), account)).isPresent());
    }

    private record ClaimInForce(String scope, IdempotencyStore.Claim claim, boolean created) {
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
