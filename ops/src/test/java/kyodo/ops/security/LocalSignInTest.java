package kyodo.ops.security;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.KyodoProblemException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import reactor.core.scheduler.Schedulers;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local accounts and Basic sign-in, without the web. */
class LocalSignInTest {

    private static final BCryptPasswordEncoder FAST = new BCryptPasswordEncoder(4);
    private static final Instant NOW = Instant.parse("2026-04-01T00:00:00Z");
    private static final Clock AT_NOW = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final ManualClock clock = new ManualClock();
    private StaffAccounts accounts;
    private LocalSignIn signIn;

    @BeforeEach
    void setUp() {
        accounts = new StaffAccounts(List.of(new SecuritySettings.ConfiguredAccount("k-1", "{bcrypt}" + FAST.encode("pw-1"),
                "WARD_HEAD", "nakahara")), "jdbc:h2:file:" + dir.resolve("accounts"), FAST, AT_NOW);
        SignInThrottle throttle = new SignInThrottle(new SignInThrottle.Settings(3, 10, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofDays(30), 1_000), clock);
        signIn = new LocalSignIn(accounts, throttle, Schedulers.immediate(), clock);
    }

    @AfterEach
    void tearDown() {
        accounts.close();
    }

    private Authentication signIn(String user, String password) {
        return signIn(user, password, "192.0.2.1");
    }

    private Authentication signIn(String user, String password, String address) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(user, password);
        attempt.setDetails(new LocalSignIn.Origin(address));
        return signIn.authenticate(attempt).block();
    }

    @Test
    void aConfiguredAccountSignsInAsItsActor() {
        Authentication done = signIn("k-1", "pw-1");
        assertThat(done.isAuthenticated()).isTrue();
        assertThat(done.getPrincipal()).isEqualTo(new Actor("k-1", Role.WARD_HEAD, Ward.NAKAHARA));
        assertThat(done.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_WARD_HEAD");
        assertThat(done.getCredentials()).as("the password is not kept").isNull();
    }

    @Test
    void wrongPasswordsAndUnknownAccountsAreRefusedAlikeEvenAfterASuccess() {
        signIn("k-1", "pw-1");
        assertThatThrownBy(() -> signIn("k-1", "pw-2")).isInstanceOf(BadCredentialsException.class)
                .hasMessage("Unknown account or wrong password.");
        assertThatThrownBy(() -> signIn("k-404", "pw-1")).isInstanceOf(BadCredentialsException.class)
                .hasMessage("Unknown account or wrong password.");
    }

    @Test
    void storedAccountsAreCreatedDisabledAndResetWithGeneratedPasswords() {
        String first = accounts.create("k-2", "STAFF", "");
        assertThat(signIn("k-2", first).getPrincipal()).isEqualTo(new Actor("k-2", Role.STAFF, null));

        accounts.disable("k-2");
        assertThatThrownBy(() -> signIn("k-2", first)).as("a remembered sign-in is forgotten on change")
                .isInstanceOf(DisabledException.class);

        String second = accounts.resetPassword("k-2");
        assertThat(second).isNotEqualTo(first).hasSize(24);
        assertThatThrownBy(() -> signIn("k-2", first)).isInstanceOf(BadCredentialsException.class);
        assertThat(signIn("k-2", second).isAuthenticated()).isTrue();
    }

    @Test
    void storedAccountsSurviveARestartAsHashesOnly() {
        String password = accounts.create("k-3", "ANALYST", null);
        accounts.close();
        accounts = new StaffAccounts(List.of(), "jdbc:h2:file:" + dir.resolve("accounts"), FAST, AT_NOW);
        assertThat(accounts.find("k-3")).get().satisfies(a -> {
            assertThat(a.actor().role()).isEqualTo(Role.ANALYST);
            assertThat(a.passwordHash()).startsWith("$2a$").doesNotContain(password);
        });
    }

    @Test
    void accountsAreValidatedFieldByField() {
        assertThatThrownBy(() -> accounts.create("k-1", "STAFF", null))
                .isInstanceOf(KyodoProblemException.class).hasMessage("Choose another account id.");
        assertThatThrownBy(() -> accounts.create("山田", "ADMIN", "saiwai"))
                .isInstanceOfSatisfying(KyodoProblemException.class, e -> assertThat(e.errors())
                        .extracting(v -> v.field()).containsExactly("username"));
        assertThatThrownBy(() -> accounts.create("k-9", "ADMIN", "saiwai"))
                .isInstanceOfSatisfying(KyodoProblemException.class, e -> assertThat(e.errors())
                        .extracting(v -> v.field()).containsExactly("ward"));
        assertThatThrownBy(() -> accounts.disable("k-1")).isInstanceOf(KyodoProblemException.class)
                .hasMessage("Change it in the configuration.");
    }

    @Test
    void theFirstAdministratorIsCreatedOnlyWhenThereIsNone() {
        assertThat(accounts.ensureAdministrator()).isPresent();
        assertThat(accounts.ensureAdministrator()).isEmpty();
        assertThat(accounts.find(StaffAccounts.FIRST_ADMIN)).get()
                .satisfies(a -> assertThat(a.actor().role()).isEqualTo(Role.ADMIN));
    }

    @Test
    void configuredHashesMustBeBcrypt() {
        assertThatThrownBy(() -> new StaffAccounts(List.of(new SecuritySettings.ConfiguredAccount("k-5",
                "plaintext", "STAFF", null)), "jdbc:h2:mem:x", FAST, AT_NOW))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("BCrypt");
    }

    @Test
    void anAccountHammeredFromOneAddressSignsInFromAnotherAndMadeUpIdsNeverSlowIt() {
        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> signIn("k-1", "guess", "203.0.113.66")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn("k-1", "pw-1", "203.0.113.66"))
                .as("from there even the right password waits, unchecked")
                .isInstanceOfSatisfying(SignInSlowedDown.class, e -> assertThat(e.retryAfterSeconds()).isEqualTo(1));
        assertThat(signIn("k-1", "pw-1", "192.0.2.7").isAuthenticated()).as("a clean address signs in").isTrue();

        for (int i = 0; i < 50; i++) {
            String guess = "made-up-" + i;
            assertThatThrownBy(() -> signIn(guess, "x", "198.51.100.9")).isInstanceOf(AuthenticationException.class);
        }
        assertThat(signIn("k-1", "pw-1", "192.0.2.7").isAuthenticated()).isTrue();
        assertThatThrownBy(() -> signIn("k-1", "pw-1", "198.51.100.9")).as("the spraying address waits")
                .isInstanceOf(SignInSlowedDown.class);

        clock.advance(Duration.ofMinutes(5));
        assertThat(signIn("k-1", "pw-1", "198.51.100.9").isAuthenticated()).as("once the delay is over").isTrue();
    }

    @Test
    void aLongMadeUpIdIsCountedUnderItsFirst64Characters() {
        String longId = "x".repeat(10_000);
        for (int i = 0; i < 3; i++) {
            String variant = longId + i;
            assertThatThrownBy(() -> signIn(variant, "x")).isInstanceOf(BadCredentialsException.class);
        }
        assertThatThrownBy(() -> signIn(longId, "x")).isInstanceOf(SignInSlowedDown.class);
    }

    @Test
    void serviceAccountsLiveInMemoryOnly() {
        String password = accounts.serviceAccount("demo-loader", Role.ADMIN, null);
        assertThat(signIn("demo-loader", password).isAuthenticated()).isTrue();
        assertThat(accounts.list()).extracting(StaffAccount::username).doesNotContain("demo-loader");
    }

    @Test
    void attemptsThatArriveTogetherWithTheSamePasswordShareOneBcryptCheck() {
        AtomicInteger checks = new AtomicInteger();
        BCryptPasswordEncoder counting = new BCryptPasswordEncoder(4) {
            @Override
            public boolean matches(CharSequence raw, String encoded) {
                checks.incrementAndGet();
                return super.matches(raw, encoded);
            }
        };
        String password;
        try (StaffAccounts shared = new StaffAccounts(List.of(), "jdbc:h2:file:" + dir.resolve("shared"), counting, AT_NOW)) {
            password = shared.create("k-7", "STAFF", null);
            Queue<Runnable> hashingQueue = new ConcurrentLinkedQueue<>();
            LocalSignIn queued = new LocalSignIn(shared, new SignInThrottle(new SignInThrottle.Settings(3, 10,
                    Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofDays(30), 1_000),
                    clock), Schedulers.fromExecutor(hashingQueue::add), clock);
            List<CompletableFuture<Authentication>> attempts = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated("k-7",
                        password);
                attempt.setDetails(new LocalSignIn.Origin("192.0.2.1"));
                attempts.add(queued.authenticate(attempt).toFuture());
            }
            assertThat(hashingQueue).as("one check queued for twenty attempts").hasSize(1);
            hashingQueue.poll().run();

            assertThat(attempts).allSatisfy(a -> assertThat(a.join().getPrincipal())
                    .isEqualTo(new Actor("k-7", Role.STAFF, null)));
            assertThat(checks).hasValue(1);
        }
    }

    @Test
    void aRememberedSignInReadsItsAccountAgainAfterAFewSecondsAndSeesAChangeMadeElsewhere() throws Exception {
        String password = accounts.create("k-8", "STAFF", null);
        assertThat(signIn("k-8", password).isAuthenticated()).isTrue();
        // another process sharing the accounts database disables the account: no change is announced here
        try (Connection elsewhere = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("accounts"), "kyodo", "");
             Statement update = elsewhere.createStatement()) {
            update.executeUpdate("UPDATE staff_account SET enabled = FALSE WHERE username = 'k-8'");
        }
        assertThat(signIn("k-8", password).isAuthenticated()).as("remembered, read less than %s ago",
                LocalSignIn.RECHECK).isTrue();

        clock.advance(LocalSignIn.RECHECK);
        assertThatThrownBy(() -> signIn("k-8", password)).isInstanceOf(DisabledException.class);
    }
}
