package kyodo.ops.resident;

import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.ops.startup.OpsStores;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Residents' accounts, their pending codes and the proposals they submitted, in a database of their
 * own (an H2 file under {@code <data-dir>/residents} by default), apart from staff accounts: a
 * resident is never a staff account. Unique keys do what no check-then-insert could under
 * concurrency: one account per address mark, one per pseudonym, one use per counter code.
 */
class ResidentAccounts implements AutoCloseable {

    private static final String COLUMNS = "id, email_mark, password_hash, subject_id, profile_algorithm, "
            + "profile_nonce, profile_ciphertext, language, confirmed, ward, pseudonym, created_at";

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;

    ResidentAccounts(String jdbcUrl) {
        this.dataSource = OpsStores.pool(jdbcUrl, "residents", 4);
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS resident_account (id VARCHAR(36) PRIMARY KEY, "
                + "email_mark VARCHAR(64) NOT NULL UNIQUE, password_hash VARCHAR(100) NOT NULL, "
                + "subject_id VARCHAR(64) NOT NULL UNIQUE, profile_algorithm VARCHAR(32) NOT NULL, "
                + "profile_nonce VARCHAR(64) NOT NULL, profile_ciphertext CLOB NOT NULL, language VARCHAR(2) NOT NULL, "
                + "confirmed BOOLEAN NOT NULL, confirmation_hash VARCHAR(64), confirmation_expires "
                + "TIMESTAMP WITH TIME ZONE, confirmation_guesses INT NOT NULL, ward VARCHAR(16), "
                + "pseudonym VARCHAR(64) UNIQUE, verified_at TIMESTAMP WITH TIME ZONE, "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS resident_counter_code (code_hash VARCHAR(64) PRIMARY KEY, "
                + "ward VARCHAR(16) NOT NULL, pseudonym VARCHAR(64) NOT NULL, issued_by VARCHAR(64) NOT NULL, "
                + "expires_at TIMESTAMP WITH TIME ZONE NOT NULL, used_at TIMESTAMP WITH TIME ZONE)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS resident_proposal (account_id VARCHAR(36) NOT NULL, "
                + "proposal_id VARCHAR(64) NOT NULL, submitted_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "PRIMARY KEY (account_id, proposal_id))");
    }

    private static final RowMapper<ResidentAccount> ACCOUNT = (rs, n) -> new ResidentAccount(rs.getString(1),
            rs.getString(2), rs.getString(3), new SealedPersonalData(rs.getString(4), rs.getString(5),
            rs.getString(6), rs.getString(7)), rs.getString(8), rs.getBoolean(9),
            rs.getString(10) == null ? null : Ward.fromCode(rs.getString(10)).orElseThrow(), rs.getString(11),
            rs.getTimestamp(12).toInstant());

    /**
     * Stores a new, unconfirmed account with the hash of its mailed code.
     *
     * @throws DuplicateKeyException when an account with that address exists
     */
    void create(ResidentAccount a, String codeHash, Instant codeExpires) {
        jdbc.update("INSERT INTO resident_account (" + COLUMNS + ", confirmation_hash, confirmation_expires, "
                        + "confirmation_guesses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
                a.id(), a.emailMark(), a.passwordHash(), a.subjectId(), a.profile().algorithm(), a.profile().nonce(),
                a.profile().ciphertext(), a.language(), a.confirmed(), null, null, Timestamp.from(a.createdAt()),
                codeHash, Timestamp.from(codeExpires));
    }

    Optional<ResidentAccount> find(String id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM resident_account WHERE id = ?", ACCOUNT, id).stream().findFirst();
    }

    Optional<ResidentAccount> findByEmailMark(String mark) {
        return jdbc.query("SELECT " + COLUMNS + " FROM resident_account WHERE email_mark = ?", ACCOUNT, mark)
                .stream().findFirst();
    }

    /** The account whose personal data is sealed under that subject (what a follow names), if it still exists. */
    Optional<ResidentAccount> findBySubject(String subjectId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM resident_account WHERE subject_id = ?", ACCOUNT, subjectId)
                .stream().findFirst();
    }

    /** The account of the person with that pseudonym (verified at the counter or by a provider), if any. */
    Optional<ResidentAccount> findByPseudonym(String pseudonym) {
        return jdbc.query("SELECT " + COLUMNS + " FROM resident_account WHERE pseudonym = ?", ACCOUNT, pseudonym)
                .stream().findFirst();
    }

    /**
     * Stores an account an OIDC provider vouched for: confirmed, and verified for its ward and pseudonym
     * at once.
     *
     * @throws DuplicateKeyException when an account has that pseudonym (a concurrent first sign-in won)
     */
    void createVerified(ResidentAccount a) {
        jdbc.update("INSERT INTO resident_account (" + COLUMNS + ", verified_at, confirmation_guesses) "
                        + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, 0)",
                a.id(), a.emailMark(), a.passwordHash(), a.subjectId(), a.profile().algorithm(), a.profile().nonce(),
                a.profile().ciphertext(), a.language(), a.ward().code(), a.pseudonym(), Timestamp.from(a.createdAt()),
                Timestamp.from(a.createdAt()));
    }

    /** The provider now names another ward: the account is a verified resident of that one. */
    void moveTo(String accountId, Ward ward, Instant at) {
        jdbc.update("UPDATE resident_account SET ward = ?, verified_at = ? WHERE id = ?", ward.code(),
                Timestamp.from(at), accountId);
    }

    /** The pending confirmation: its hash, expiry and the wrong guesses so far. */
    record Confirmation(String hash, Instant expires, int guesses) {
    }

    Optional<Confirmation> confirmation(String id) {
        return jdbc.query("SELECT confirmation_hash, confirmation_expires, confirmation_guesses FROM resident_account "
                        + "WHERE id = ? AND confirmed = FALSE AND confirmation_hash IS NOT NULL",
                (rs, n) -> new Confirmation(rs.getString(1), rs.getTimestamp(2).toInstant(), rs.getInt(3)), id)
                .stream().findFirst();
    }

    void wrongGuess(String id) {
        jdbc.update("UPDATE resident_account SET confirmation_guesses = confirmation_guesses + 1 WHERE id = ?", id);
    }

    /** Confirms the address; the code is spent. Whether this call did it (a code works once). */
    boolean confirm(String id) {
        return jdbc.update("UPDATE resident_account SET confirmed = TRUE, confirmation_hash = NULL, "
                + "confirmation_expires = NULL WHERE id = ? AND confirmed = FALSE", id) == 1;
    }

    /** Stores a counter code's hash for a person's pseudonym and a ward. */
    void issueCounterCode(String codeHash, Ward ward, String pseudonym, String issuedBy, Instant expires) {
        jdbc.update("INSERT INTO resident_counter_code (code_hash, ward, pseudonym, issued_by, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", codeHash, ward.code(), pseudonym, issuedBy, Timestamp.from(expires));
    }

    /** An unused counter code, with its ward and pseudonym. */
    record CounterCode(Ward ward, String pseudonym, Instant expires) {
    }

    Optional<CounterCode> unusedCounterCode(String codeHash) {
        return jdbc.query("SELECT ward, pseudonym, expires_at FROM resident_counter_code "
                        + "WHERE code_hash = ? AND used_at IS NULL",
                (rs, n) -> new CounterCode(Ward.fromCode(rs.getString(1)).orElseThrow(), rs.getString(2),
                        rs.getTimestamp(3).toInstant()), codeHash).stream().findFirst();
    }

    /** Whether a person with that pseudonym already has an account. */
    boolean pseudonymTaken(String pseudonym) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM resident_account WHERE pseudonym = ?", Integer.class,
                pseudonym);
        return n != null && n > 0;
    }

    /**
     * Spends the code and makes the account a verified resident of the code's ward, in one transaction
     * of the accounts database: both or neither.
     *
     * @return false when the code was spent meanwhile
     * @throws DuplicateKeyException when another account has the pseudonym (one account per person)
     */
    boolean verify(String accountId, String codeHash, CounterCode code, Instant at) {
        return new org.springframework.transaction.support.TransactionTemplate(
                new org.springframework.jdbc.datasource.DataSourceTransactionManager(dataSource)).execute(tx -> {
            if (jdbc.update("UPDATE resident_counter_code SET used_at = ? WHERE code_hash = ? AND used_at IS NULL",
                    Timestamp.from(at), codeHash) != 1) {
                return false;
            }
            jdbc.update("UPDATE resident_account SET ward = ?, pseudonym = ?, verified_at = ? WHERE id = ?",
                    code.ward().code(), code.pseudonym(), Timestamp.from(at), accountId);
            return true;
        });
    }

    void addProposal(String accountId, String proposalId, Instant at) {
        jdbc.update("INSERT INTO resident_proposal (account_id, proposal_id, submitted_at) VALUES (?, ?, ?)",
                accountId, proposalId, Timestamp.from(at));
    }

    /** The ids of the proposals the resident submitted, newest first. */
    List<String> proposals(String accountId) {
        return jdbc.queryForList("SELECT proposal_id FROM resident_proposal WHERE account_id = ? "
                + "ORDER BY submitted_at DESC, proposal_id", String.class, accountId);
    }

    boolean owns(String accountId, String proposalId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM resident_proposal WHERE account_id = ? AND proposal_id = ?",
                Integer.class, accountId, proposalId);
        return n != null && n > 0;
    }

    /** Deletes the account and its list of proposals (the proposals themselves stay, with the placeholder). */
    void delete(String accountId) {
        jdbc.update("DELETE FROM resident_proposal WHERE account_id = ?", accountId);
        jdbc.update("DELETE FROM resident_account WHERE id = ?", accountId);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
