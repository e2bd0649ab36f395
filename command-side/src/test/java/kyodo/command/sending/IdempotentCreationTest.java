package kyodo.command.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.command.platform.AggregateStreams;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/** An Idempotency-Key belongs to one account on one route, and a repeat sends nothing again. */
class IdempotentCreationTest {

    private static final String PROPOSALS = "POST /api/proposals";
    private static final Actor SAIWAI = new Actor("t-staff-saiwai", Role.STAFF, Ward.SAIWAI);
    private static final Actor NAKAHARA = new Actor("t-staff-nakahara", Role.STAFF, Ward.NAKAHARA);
    private static final Map<String, String> BODY = Map.of("title", "駐輪場");

    private static final CommandWorkers WORKERS = new CommandWorkers(4, 100, Duration.ofSeconds(10), Duration.ofSeconds(75));

    private JdbcTemplate jdbc;
    private IdempotentCreation creation;
    /** The "event store": aggregate id → the account that created it. */
    private final Map<String, String> stored = new ConcurrentHashMap<>();
    /** Every id a creation command was sent for. */
    private final List<String> sent = new ArrayList<>();

    @BeforeEach
    void setUp() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:idem-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        jdbc = new JdbcTemplate(dataSource);
        AggregateStreams streams = mock(AggregateStreams.class);
        when(streams.creation(anyString())).thenAnswer(call -> Optional.ofNullable(stored.get(call.<String>getArgument(0)))
                .map(account -> new AggregateStreams.Creation("Proposal", account)));
        creation = new IdempotentCreation(new IdempotencyStore(jdbc, Clock.systemUTC()), streams, WORKERS, new ObjectMapper());
    }

    @AfterEach
    void tearDown() {
        jdbc.execute("SHUTDOWN");
    }

    /** Creates as that account; the command stores the aggregate, unless its id is there already. */
    private String create(Actor account, String route, String key, Object body) {
        return creation.create(route, key, body, account, id -> Mono.fromRunnable(() -> {
                    sent.add(id);
                    if (stored.putIfAbsent(id, account.staffId()) != null) {
                        throw new AggregateStreamCreationException("exists: " + id);
                    }
                }))
                .block();
    }

    @Test
    void aRepeatByTheSameAccountAnswersTheFirstIdWithoutSendingAgain() {
        String first = create(SAIWAI, PROPOSALS, "k-1", BODY);
        String again = create(SAIWAI, PROPOSALS, "k-1", BODY);
        assertThat(again).isEqualTo(first);
        assertThat(sent).containsExactly(first);
    }

    @Test
    void aClaimWhoseCreationWasNeverStoredIsCompletedByTheRepeat() {
        String id = UUID.randomUUID().toString();
        jdbc.update("INSERT INTO kyodo_idempotency_key VALUES (?, ?, ?, ?, ?)",
                IdempotentCreation.scope(PROPOSALS, SAIWAI.scopeCode()), "k-crash", hashOf(BODY), id,
                Timestamp.from(Instant.now()));
        assertThat(create(SAIWAI, PROPOSALS, "k-crash", BODY)).isEqualTo(id);
        assertThat(sent).containsExactly(id);
        assertThat(stored).containsKey(id);
    }

    @Test
    void aFirstRequestOvertakenByItsOwnRepeatStillAnswersTheId() {
        String id = creation.create(PROPOSALS, "k-race", BODY, SAIWAI, claimed -> Mono.fromRunnable(() -> {
                    stored.put(claimed, SAIWAI.staffId()); // the repeat, sent meanwhile, stored the creation
                    throw new AggregateStreamCreationException("exists: " + claimed);
                }))
                .block();
        assertThat(stored).containsKey(id);
        assertThat(create(SAIWAI, PROPOSALS, "k-race", BODY)).isEqualTo(id);
    }

    @Test
    void aRefusedCreationFreesItsKey() {
        assertThatThrownBy(() -> creation.create(PROPOSALS, "k-refused", BODY, SAIWAI, id -> Mono.error(
                        new KyodoProblemException(kyodo.kernel.problem.CommonProblems.FORBIDDEN, "outside your ward")))
                .block()).isInstanceOf(KyodoProblemException.class);
        String id = create(SAIWAI, PROPOSALS, "k-refused", Map.of("title", "直した内容"));
        assertThat(stored).containsKey(id);
    }

    @Test
    void aCreationWithdrawnBeforeItStartedKeepsItsKeyAndItsRetryCreatesUnderTheClaimedId() {
        List<String> withdrawn = new ArrayList<>();
        assertThatThrownBy(() -> creation.create(PROPOSALS, "k-withdrawn", BODY, SAIWAI, id -> {
            withdrawn.add(id);
            return Mono.error(CommandOutcomes.withdrawn());
        }).block()).isInstanceOf(KyodoProblemException.class);
        assertThat(stored).isEmpty();
        String id = create(SAIWAI, PROPOSALS, "k-withdrawn", BODY);
        assertThat(id).isEqualTo(withdrawn.get(0));
        assertThat(stored).containsOnlyKeys(id);
    }

    /**
     * A repeat of the key sent while the first request was queued finds the claim and creates under its id;
     * the first request, withdrawn after that, must not free the key: a third request would create again.
     */
    @Test
    void aWithdrawnFirstRequestLeavesTheCreationOfARepeatThatRacedItAnswered() {
        List<String> claimed = new ArrayList<>();
        assertThatThrownBy(() -> creation.create(PROPOSALS, "k-raced", BODY, SAIWAI, id -> {
            claimed.add(id);
            stored.put(id, SAIWAI.staffId()); // the repeat, handed over meanwhile, stored the creation
            return Mono.error(CommandOutcomes.withdrawn());
        }).block()).isInstanceOf(KyodoProblemException.class);
        assertThat(create(SAIWAI, PROPOSALS, "k-raced", BODY)).isEqualTo(claimed.get(0));
        assertThat(stored).hasSize(1);
    }

    @Test
    void aCreationOfUnknownFateKeepsItsKeySoThatTheRetryConvergesOnTheSameId() {
        List<String> timedOut = new ArrayList<>();
        assertThatThrownBy(() -> creation.create(PROPOSALS, "k-timeout", BODY, SAIWAI, id -> Mono.fromRunnable(() -> {
                    timedOut.add(id);
                    stored.put(id, SAIWAI.staffId()); // it committed after all, after the answer timed out
                }).then(Mono.error(new java.util.concurrent.TimeoutException())))
                .block()).hasCauseInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(create(SAIWAI, PROPOSALS, "k-timeout", BODY)).isEqualTo(timedOut.get(0));
        assertThat(stored).hasSize(1);
    }

    @Test
    void staffOfTheSameWardShareTheKeyAndGetTheFirstAnswer() {
        String first = create(SAIWAI, PROPOSALS, "k-ward", BODY);
        Actor colleague = new Actor("t-staff-saiwai-2", Role.STAFF, Ward.SAIWAI);

        assertThat(create(colleague, PROPOSALS, "k-ward", BODY)).isEqualTo(first);
        assertThat(stored).hasSize(1);
    }

    @Test
    void staffOfAnotherWardWithTheSameKeyCreateTheirOwnAndLearnNothing() {
        String saiwai = create(SAIWAI, PROPOSALS, "k-2", BODY);
        String nakahara = create(NAKAHARA, PROPOSALS, "k-2", Map.of("title", "別の内容"));
        assertThat(nakahara).isNotEqualTo(saiwai);
        assertThat(stored).containsEntry(saiwai, SAIWAI.staffId()).containsEntry(nakahara, NAKAHARA.staffId());
    }

    @Test
    void theSameKeyOnAnotherRouteIsAnotherKey() {
        String proposal = create(SAIWAI, PROPOSALS, "k-3", BODY);
        String meeting = create(SAIWAI, "POST /api/meetings", "k-3", Map.of("kind", "WORKSHOP"));
        assertThat(meeting).isNotEqualTo(proposal);
        assertThat(sent).containsExactly(proposal, meeting);
    }

    @Test
    void theSameAccountWithAnotherBodyIs422() {
        create(SAIWAI, PROPOSALS, "k-4", BODY);
        assertThatThrownBy(() -> create(SAIWAI, PROPOSALS, "k-4", Map.of("title", "別")))
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        e -> assertThat(e.toDetails().slug()).isEqualTo("idempotency-key-reused"));
    }

    @Test
    void aKeyStoredBeforeKeysWerePerAccountStillAnswersItsCreator() {
        String id = UUID.randomUUID().toString();
        stored.put(id, SAIWAI.staffId());
        jdbc.update("INSERT INTO kyodo_idempotency_key VALUES (?, ?, ?, ?, ?)", PROPOSALS, "k-old", hashOf(BODY),
                id, Timestamp.from(Instant.now()));

        assertThat(create(SAIWAI, PROPOSALS, "k-old", BODY)).isEqualTo(id);
        assertThat(sent).isEmpty();
        String others = create(NAKAHARA, PROPOSALS, "k-old", BODY);
        assertThat(others).isNotEqualTo(id);
        assertThat(sent).containsExactly(others);
    }

    private String hashOf(Object body) {
        // the fingerprint the first request stored: found by claiming a throw-away key with the same body
        String scope = "probe " + UUID.randomUUID();
        creation.create(scope, "probe", body, SAIWAI, id -> Mono.empty())
                .block();
        return jdbc.queryForObject("SELECT request_hash FROM kyodo_idempotency_key WHERE idem_key = 'probe'",
                String.class);
    }
}
