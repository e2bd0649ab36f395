package kyodo.command.personal;

import kyodo.command.platform.CommandWorkers;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.personal.ContactIndex;
import kyodo.kernel.personal.IndexedSubject;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonKeyVault.KeyState;
import kyodo.kernel.personal.PersonalDataErased;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import org.axonframework.eventhandling.SimpleEventBus;
import org.axonframework.eventhandling.gateway.DefaultEventGateway;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A person is erased in every record at once, once, by an ADMIN only. */
class PersonalDataErasureTest {

    private static final Instant NOW = Instant.parse("2025-06-01T00:00:00Z");
    private static final Actor ADMIN = new Actor("t-admin", Role.ADMIN, null);

    private final List<Object> published = new ArrayList<>();
    private JdbcTemplate rows;
    private JdbcPersonKeyVault vault;
    private ContactIndex index;
    private CommandWorkers workers;
    private PersonalDataErasure erasure;
    private PersonLookup lookup;

    @BeforeEach
    void open() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:erasure-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        rows = new JdbcTemplate(dataSource);
        vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(new SecureRandom()));
        vault.createSchema();
        index = ContactIndex.open(dataSource, new SecureRandom());
        workers = new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75));
        SimpleEventBus bus = SimpleEventBus.builder().build();
        bus.subscribe(messages -> messages.forEach(m -> published.add(m.getPayload())));
        EventGateway events = DefaultEventGateway.builder().eventBus(bus).build();
        erasure = new PersonalDataErasure(vault, index, events, workers, Clock.fixed(NOW, ZoneOffset.UTC));
        lookup = new PersonLookup(index, workers);
    }

    @AfterEach
    void close() throws InterruptedException {
        workers.close();
        rows.execute("SHUTDOWN");
    }

    private void subject(String subjectId, String proposalId, String contact) {
        vault.createKey(subjectId, NOW.minusSeconds(3600));
        index.record(IndexedSubject.proposer(subjectId, proposalId), contact, NOW.minusSeconds(3600));
    }

    @Test
    void erasesEverySubjectOfThePersonAndNoOneElse() {
        index.markRebuilt(NOW);
        subject("s-1", "p-1", "hanako@example.jp");
        subject("s-2", "p-2", "Hanako@Example.JP ");
        subject("s-3", "p-3", "taro@example.jp");

        List<PersonalDataErasure.ErasedSubject> erased = erasure.erasePerson("hanako@example.jp", ADMIN).block();

        assertThat(erased).extracting(e -> e.subject().recordId()).containsExactly("p-1", "p-2");
        assertThat(erased).extracting(PersonalDataErasure.ErasedSubject::erasedAt).containsOnly(NOW);
        assertThat(published).containsExactly(new PersonalDataErased("s-1", NOW), new PersonalDataErased("s-2", NOW));
        assertThat(vault.state("s-1")).isEqualTo(KeyState.ERASED);
        assertThat(vault.state("s-2")).isEqualTo(KeyState.ERASED);
        assertThat(vault.state("s-3")).isEqualTo(KeyState.ACTIVE);
        assertThat(lookup.find("hanako@example.jp", ADMIN).block()).isEmpty();
        assertThat(lookup.find("taro@example.jp", ADMIN).block()).extracting(IndexedSubject::recordId)
                .containsExactly("p-3");
    }

    @Test
    void erasingAgainFindsNoOneAndRecordsNothing() {
        index.markRebuilt(NOW);
        subject("s-1", "p-1", "hanako@example.jp");
        erasure.erasePerson("hanako@example.jp", ADMIN).block();

        assertThatThrownBy(() -> erasure.erasePerson("hanako@example.jp", ADMIN).block())
                .isInstanceOfSatisfying(KyodoProblemException.class,
                        e -> assertThat(e.type()).isEqualTo(CommonProblems.NOT_FOUND));
        assertThat(published).hasSize(1);
    }

    @Test
    void anErasureWhoseEventCannotBeStoredDestroysNothingAndItsRetryRecordsIt() {
        index.markRebuilt(NOW);
        subject("s-1", "p-1", "hanako@example.jp");
        SimpleEventBus down = SimpleEventBus.builder().build();
        down.subscribe(messages -> {
            throw new IllegalStateException("the event store is not reachable");
        });
        PersonalDataErasure failing = new PersonalDataErasure(vault, index,
                DefaultEventGateway.builder().eventBus(down).build(), workers, Clock.fixed(NOW, ZoneOffset.UTC));

        assertThatThrownBy(() -> failing.erasePerson("hanako@example.jp", ADMIN).block())
                .hasMessageContaining("not reachable");
        assertThat(vault.state("s-1")).isEqualTo(KeyState.ACTIVE);
        assertThat(lookup.find("hanako@example.jp", ADMIN).block()).extracting(IndexedSubject::recordId)
                .containsExactly("p-1");

        erasure.erasePerson("hanako@example.jp", ADMIN).block();
        assertThat(published).containsExactly(new PersonalDataErased("s-1", NOW));
        assertThat(vault.state("s-1")).isEqualTo(KeyState.ERASED);
    }

    @Test
    void aSubjectErasedAloneIsNoLongerFoundByContact() {
        index.markRebuilt(NOW);
        subject("s-1", "p-1", "hanako@example.jp");
        erasure.erase("s-1", ADMIN).block();
        assertThat(lookup.find("hanako@example.jp", ADMIN).block()).isEmpty();
    }

    @Test
    void onlyAnAdminLooksUpOrErasesAndBadContactsChangeNothing() {
        index.markRebuilt(NOW);
        subject("s-1", "p-1", "hanako@example.jp");
        Actor staff = new Actor("t-staff", Role.STAFF, null);
        assertProblem(() -> erasure.erasePerson("hanako@example.jp", staff).block(), CommonProblems.FORBIDDEN);
        assertProblem(() -> lookup.find("hanako@example.jp", staff).block(), CommonProblems.FORBIDDEN);
        assertProblem(() -> erasure.erasePerson(" \u3000", ADMIN).block(), CommonProblems.INVALID_INPUT);
        assertProblem(() -> lookup.find("a".repeat(501), ADMIN).block(), CommonProblems.INVALID_INPUT);
        assertProblem(() -> lookup.find("hanako@example.jp\u0000", ADMIN).block(), CommonProblems.INVALID_INPUT);
        assertThat(vault.state("s-1")).isEqualTo(KeyState.ACTIVE);
        assertThat(published).isEmpty();
    }

    @Test
    void untilEarlierRecordsAreIndexedALookupIsUnavailable() {
        subject("s-1", "p-1", "hanako@example.jp");
        assertProblem(() -> lookup.find("hanako@example.jp", ADMIN).block(), CommonProblems.UNAVAILABLE);
        assertProblem(() -> erasure.erasePerson("hanako@example.jp", ADMIN).block(), CommonProblems.UNAVAILABLE);
        assertThat(vault.state("s-1")).isEqualTo(KeyState.ACTIVE);
    }

    private static void assertProblem(Runnable call, kyodo.kernel.problem.ProblemType type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(KyodoProblemException.class,
                e -> assertThat(e.type()).isEqualTo(type));
    }
}
