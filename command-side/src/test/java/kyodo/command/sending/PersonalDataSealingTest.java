package kyodo.command.sending;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonKeyVault.KeyState;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.Proposer;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import reactor.core.publisher.Mono;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A key sealed for a command stays only when the command may have stored it. */
class PersonalDataSealingTest {

    private static final Proposer HANAKO = new Proposer("川崎 花子", "hanako@example.jp");

    private JdbcPersonKeyVault vault;
    private ContactIndex index;
    private JdbcTemplate rows;
    private PersonalDataSealing sealing;

    @BeforeEach
    void openVault() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:sealing-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SecureRandom random = new SecureRandom();
        vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        rows = new JdbcTemplate(dataSource);
        index = ContactIndex.open(dataSource, random);
        sealing = new PersonalDataSealing(new PersonalDataProtector(vault, new ObjectMapper(), random), vault,
                index, new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75)), Clock.fixed(Instant.parse("2025-04-01T00:00:00Z"), ZoneOffset.UTC));
    }

    @AfterEach
    void dropVault() {
        rows.execute("SHUTDOWN");
    }

    private long keys() {
        return rows.queryForObject("SELECT COUNT(*) FROM kyodo_person_key", Long.class);
    }

    /** Seals, then lets the "command" end as given; answers the subject the data was sealed for. */
    private String sealThen(Mono<String> outcome) {
        AtomicReference<SealedPersonalData> sealed = new AtomicReference<>();
        Mono<String> sent = sealing.sealThenSend(HANAKO, subject -> IndexedSubject.proposer(subject, "p-1"),
                HANAKO.contact(), s -> {
            sealed.set(s);
            return outcome;
        });
        try {
            sent.block();
        } catch (RuntimeException ignored) {
            // the outcome is asserted through the vault
        }
        return sealed.get().subjectId();
    }

    @Test
    void aStoredCommandKeepsItsKey() {
        String subject = sealThen(Mono.just("stored"));
        assertThat(vault.state(subject)).isEqualTo(KeyState.ACTIVE);
        assertThat(keys()).isEqualTo(1);
        assertThat(index.find("  HANAKO@example.jp ")).containsExactly(IndexedSubject.proposer(subject, "p-1"));
    }

    @Test
    void dataSealedWithoutARecordIsNotIndexed() {
        String subject = sealing.sealThenSend(HANAKO, s -> Mono.just(s.subjectId())).block();
        assertThat(vault.state(subject)).isEqualTo(KeyState.ACTIVE);
        assertThat(index.contains(subject)).isFalse();
    }

    @Test
    void aRefusedCommandLeavesNoKeyNorTombstone() {
        KyodoProblemException full = new KyodoProblemException(CommonProblems.STALE_VERSION, "stale");
        sealThen(Mono.error(full));
        sealThen(Mono.error(new CommandExecutionException("refused across the bus", null, full.toDetails())));
        sealThen(Mono.error(new CommandExecutionException("wrapped", new IncompatibleAggregateException("foreign"))));
        assertThat(keys()).isZero();
        assertThat(index.find(HANAKO.contact())).isEmpty();
        assertThat(rows.queryForObject("SELECT COUNT(*) FROM kyodo_person_index", Long.class)).isZero();
    }

    @Test
    void aRepeatedCreationLeavesNoKey() {
        sealThen(Mono.error(new AggregateStreamCreationException("p-1 exists")));
        assertThat(keys()).isZero();
    }

    @Test
    void aCommandWithdrawnBeforeItStartedLeavesNoKey() {
        sealThen(Mono.error(CommandOutcomes.withdrawn()));
        assertThat(keys()).isZero();
        assertThat(index.find(HANAKO.contact())).isEmpty();
    }

    @Test
    void aCommandOfUnknownFateKeepsItsKeySoThatItsEventStillOpens() {
        String timedOut = sealThen(Mono.error(new TimeoutException()));
        String unknown = sealThen(Mono.error(CommandOutcomes.outcomeUnknown()));
        String broken = sealThen(Mono.error(new IllegalStateException("disk full")));
        assertThat(vault.state(timedOut)).isEqualTo(KeyState.ACTIVE);
        assertThat(vault.state(unknown)).isEqualTo(KeyState.ACTIVE);
        assertThat(vault.state(broken)).isEqualTo(KeyState.ACTIVE);
        assertThat(index.find(HANAKO.contact())).extracting(IndexedSubject::subjectId)
                .containsExactlyInAnyOrder(timedOut, unknown, broken);
    }

    @Test
    void theRefusalIsPassedOnUnchanged() {
        KyodoProblemException refusal = new KyodoProblemException(CommonProblems.FORBIDDEN, "outside your ward");
        assertThatThrownBy(() -> sealing.sealThenSend(HANAKO, s -> Mono.error(refusal)).block()).isSameAs(refusal);
    }

    @Test
    void discardingLeavesAnErasedKeyAlone() {
        String subject = sealThen(Mono.just("stored"));
        vault.destroy(subject, Instant.parse("2025-05-01T00:00:00Z"));
        assertThat(vault.discard(subject)).isFalse();
        assertThat(vault.state(subject)).isEqualTo(KeyState.ERASED);
    }
}
