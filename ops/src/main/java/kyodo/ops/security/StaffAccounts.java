package kyodo.ops.security;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The local accounts of the embedded default: those from configuration ({@code kyodo.security.accounts}),
 * those an administrator created through the API (kept in their own H2 file under the data
 * directory, BCrypt hashes only), and short-lived service accounts of the process itself (the demo
 * loader), which live in memory only. Passwords are always generated here, never chosen, and shown
 * once.
 */
public class StaffAccounts implements AutoCloseable {

    /** The account created on the first run when there is no administrator at all. */
    public static final String FIRST_ADMIN = "admin";

    private static final char[] ALPHABET =
            "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789".toCharArray();

    private final Map<String, StaffAccount> configured;
    private final Map<String, StaffAccount> ephemeral = new ConcurrentHashMap<>();
    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final BCryptPasswordEncoder encoder;
    /** Stamps each stored account with the moment it was made. */
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final List<Consumer<String>> changeListeners = new ArrayList<>();

    StaffAccounts(List<SecuritySettings.ConfiguredAccount> fromConfiguration, String jdbcUrl, BCryptPasswordEncoder encoder,
                  Clock clock) {
        this.encoder = encoder;
        this.clock = clock;
        Map<String, StaffAccount> accounts = new ConcurrentHashMap<>();
        for (SecuritySettings.ConfiguredAccount c : fromConfiguration) {
            StaffAccount account = new StaffAccount(actor(c.username(), c.role(), c.ward()),
                    stripPrefix(c.passwordHash()), true, true);
            if (accounts.putIfAbsent(account.username(), account) != null) {
                throw new IllegalStateException("kyodo.security.accounts: " + c.username() + " is defined twice");
            }
        }
        this.configured = Map.copyOf(accounts);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("kyodo");
        config.setPassword("");
        config.setMaximumPoolSize(2);
        config.setPoolName("kyodo-accounts");
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS staff_account (username VARCHAR(64) PRIMARY KEY, "
                + "password_hash VARCHAR(100) NOT NULL, role VARCHAR(16) NOT NULL, ward VARCHAR(16), "
                + "enabled BOOLEAN NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }

    private static String stripPrefix(String hash) {
        if (hash == null || hash.isBlank()) {
            throw new IllegalStateException("kyodo.security.accounts: every account needs a password-hash (BCrypt)");
        }
        String bare = hash.startsWith("{bcrypt}") ? hash.substring("{bcrypt}".length()) : hash;
        if (!bare.matches("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}")) {
            throw new IllegalStateException("kyodo.security.accounts: a password-hash must be a BCrypt hash");
        }
        return bare;
    }

    /** Makes a valid actor of configured or requested values, or says which field is wrong. */
    static Actor actor(String username, String roleName, String wardCode) {
        List<FieldViolation> errors = new ArrayList<>();
        if (username == null || !Actor.STAFF_ID.matcher(username).matches()) {
            errors.add(new FieldViolation("username", "1-64 of A-Z a-z 0-9 . _ - (a staff number, never a name)"));
        }
        Optional<Role> role = Role.fromName(roleName).filter(Role::staff); // a resident's role is never staff's
        if (role.isEmpty()) {
            errors.add(new FieldViolation("role", "one of STAFF, WARD_HEAD, ADMIN, ANALYST"));
        }
        Ward ward = null;
        if (wardCode != null && !wardCode.isBlank()) {
            ward = Ward.fromCode(wardCode).orElse(null);
            if (ward == null) {
                errors.add(new FieldViolation("ward", "not a ward code"));
            }
        }
        if (errors.isEmpty()) {
            if (role.get().needsWard() && ward == null) {
                errors.add(new FieldViolation("ward", "a " + role.get() + " is scoped to one ward"));
            } else if (role.get().cityWideOnly() && ward != null) {
                errors.add(new FieldViolation("ward", "an " + role.get() + " is city-wide: leave the ward out"));
            }
        }
        if (!errors.isEmpty()) {
            throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "The account is invalid.", errors, Map.of());
        }
        return new Actor(username, role.get(), ward);
    }

    /** The account of that id: configuration first, then the process's own, then the stored ones. */
    public Optional<StaffAccount> find(String username) {
        if (username == null) {
            return Optional.empty();
        }
        StaffAccount account = configured.get(username);
        if (account == null) {
            account = ephemeral.get(username);
        }
        if (account != null) {
            return Optional.of(account);
        }
        return jdbc.query("SELECT username, password_hash, role, ward, enabled FROM staff_account WHERE username = ?",
                (rs, n) -> new StaffAccount(actor(rs.getString(1), rs.getString(3), rs.getString(4)),
                        rs.getString(2), rs.getBoolean(5), false), username).stream().findFirst();
    }

    /** Every account, configured and stored (not the process's own), by id. */
    public List<StaffAccount> list() {
        List<StaffAccount> all = new ArrayList<>(configured.values());
        all.addAll(jdbc.query("SELECT username, password_hash, role, ward, enabled FROM staff_account",
                (rs, n) -> new StaffAccount(actor(rs.getString(1), rs.getString(3), rs.getString(4)),
                        rs.getString(2), rs.getBoolean(5), false)));
        all.sort(Comparator.comparing(StaffAccount::username));
        return all;
    }

    /**
     * Creates a stored account with a generated password.
     *
     * @return the password, to be shown once
     */
    public String create(String username, String role, String ward) {
        Actor actor = actor(username, role, ward);
        if (configured.containsKey(username) || ephemeral.containsKey(username)) {
            throw new KyodoProblemException(AccountProblems.ACCOUNT_EXISTS, "Choose another account id.");
        }
        String password = generatePassword();
        try {
            jdbc.update("INSERT INTO staff_account (username, password_hash, role, ward, enabled, created_at) "
                            + "VALUES (?, ?, ?, ?, TRUE, ?)", actor.staffId(), encoder.encode(password),
                    actor.role().name(), actor.ward() == null ? null : actor.ward().code(),
                    java.sql.Timestamp.from(clock.instant()));
        } catch (DuplicateKeyException e) {
            throw new KyodoProblemException(AccountProblems.ACCOUNT_EXISTS, "Choose another account id.");
        }
        changed(username);
        return password;
    }

    /** Gives a stored account a new generated password (and enables it again); the password is shown once. */
    public String resetPassword(String username) {
        requireStored(username);
        String password = generatePassword();
        jdbc.update("UPDATE staff_account SET password_hash = ?, enabled = TRUE WHERE username = ?",
                encoder.encode(password), username);
        changed(username);
        return password;
    }

    /** Disables a stored account: it can no longer sign in. */
    public void disable(String username) {
        requireStored(username);
        jdbc.update("UPDATE staff_account SET enabled = FALSE WHERE username = ?", username);
        changed(username);
    }

    private void requireStored(String username) {
        if (configured.containsKey(username)) {
            throw new KyodoProblemException(AccountProblems.ACCOUNT_IN_CONFIGURATION, "Change it in the configuration.");
        }
        if (find(username).isEmpty() || ephemeral.containsKey(username)) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND, "No account with that id.");
        }
    }

    /**
     * On a first run, creates the administrator when no enabled ADMIN account exists anywhere.
     *
     * @return the generated password, if one was created
     */
    public Optional<String> ensureAdministrator() {
        boolean anyAdmin = list().stream().anyMatch(a -> a.enabled() && a.actor().role() == Role.ADMIN);
        if (anyAdmin || find(FIRST_ADMIN).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(create(FIRST_ADMIN, Role.ADMIN.name(), null));
    }

    /**
     * An account of the process itself, in memory only, gone at shutdown: how the demo loader signs
     * in to the API like any client.
     *
     * @return its generated password
     */
    public String serviceAccount(String username, Role role, Ward ward) {
        String password = generatePassword();
        // a low BCrypt cost: the hash never leaves memory and lives as long as the process
        ephemeral.put(username, new StaffAccount(new Actor(username, role, ward),
                new BCryptPasswordEncoder(4).encode(password), true, false));
        changed(username);
        return password;
    }

    /** Whether a password matches an account's hash (slow on purpose: BCrypt). */
    boolean matches(String password, StaffAccount account) {
        return encoder.matches(password, account.passwordHash());
    }

    /** Called with the account id whenever an account changes, e.g. to forget cached sign-ins. */
    void onChange(Consumer<String> listener) {
        changeListeners.add(listener);
    }

    private void changed(String username) {
        changeListeners.forEach(l -> l.accept(username));
    }

    private String generatePassword() {
        StringBuilder password = new StringBuilder(24);
        for (int i = 0; i < 24; i++) {
            password.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        return password.toString();
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
