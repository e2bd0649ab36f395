package kyodo.kernel.personal;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * A keyed blind index of contacts, beside the vault's keys in the vault's database: for each data
 * subject the record their data was sealed for and HMAC-SHA-256 of their normalised contact
 * ({@link ContactNormalisation}) under a secret of the installation. An administrator who knows a
 * contact finds every record of that person; nobody can read a contact back from the index, and
 * without the secret nobody can even test a guess. The secret is generated on first use and kept
 * in the same database as the keys (it protects nothing the keys don't already open).
 * <p>
 * Erasing a subject {@link #forget forgets} their contact's mark, so that after an erasure the
 * person is no longer linked to their records by anything kyodo stores.
 */
public final class ContactIndex implements AutoCloseable {

    private static final String TABLE = "kyodo_person_index";
    private static final String SETTINGS = "kyodo_vault_setting";
    private static final String SECRET_NAME = "contact-index";
    private static final String REBUILT_NAME = "contact-index-rebuilt";

    private final DataSource dataSource;
    private final InstallationSecrets settings;
    private final KeyedMark marks;

    private ContactIndex(DataSource dataSource, InstallationSecrets settings, KeyedMark marks) {
        this.dataSource = dataSource;
        this.settings = settings;
        this.marks = marks;
    }

    /**
     * Creates the index's tables if they are missing and reads the installation's secret, generating
     * it on the first start. Safe to call at every start, from both sides.
     */
    public static ContactIndex open(DataSource dataSource, SecureRandom random) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "subject_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "subject_type VARCHAR(32) NOT NULL, "
                    + "record_id VARCHAR(64) NOT NULL, "
                    + "contact_mac VARCHAR(64), "
                    + "indexed_at TIMESTAMP WITH TIME ZONE NOT NULL)");
            s.execute("CREATE INDEX IF NOT EXISTS " + TABLE + "_mac ON " + TABLE + " (contact_mac)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the contact index", e);
        }
        InstallationSecrets settings = InstallationSecrets.open(dataSource, SETTINGS, "setting_value",
                "the contact index's settings");
        return new ContactIndex(dataSource, settings, new KeyedMark(settings.secret(SECRET_NAME, random)));
    }

    /** Records the subject's record and, when there is one, their contact's mark. Once per subject. */
    public void record(IndexedSubject subject, String contact, Instant at) {
        try (Connection c = dataSource.getConnection()) {
            entry(subject, contact, at).insert(c);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot index a data subject", e);
        }
    }

    /**
     * The subject's entry (its contact already reduced to the keyed mark), for the vault to write in
     * the transaction that stores the subject's key ({@link PersonKeyVault#createKey(String, Instant, Entry)}):
     * one commit of the vault's file per sealed subject instead of two.
     */
    public Entry entry(IndexedSubject subject, String contact, Instant at) {
        return new Entry(subject, ContactNormalisation.normalise(contact).map(marks::of).orElse(null), at);
    }

    /** An entry of the index, ready to be written; the contact is only its mark (or null). */
    public record Entry(IndexedSubject subject, String contactMark, Instant at) {

        /** Inserts the entry on the connection, in whatever transaction it has open. */
        void insert(Connection c) throws SQLException {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + TABLE
                    + " (subject_id, subject_type, record_id, contact_mac, indexed_at) VALUES (?, ?, ?, ?, ?)")) {
                ps.setString(1, subject.subjectId());
                ps.setString(2, subject.type());
                ps.setString(3, subject.recordId());
                ps.setString(4, contactMark);
                ps.setObject(5, at.atOffset(ZoneOffset.UTC));
                ps.executeUpdate();
            }
        }
    }

    /** Whether the subject is in the index (with or without a contact). */
    public boolean contains(String subjectId) {
        return query("SELECT subject_id, subject_type, record_id FROM " + TABLE + " WHERE subject_id = ?",
                subjectId).size() == 1;
    }

    /**
     * Every subject whose contact normalises to the same as {@code contact}, oldest first.
     *
     * @param contact a contact that {@link ContactNormalisation#normalise} accepts
     */
    public List<IndexedSubject> find(String contact) {
        String mark = marks.of(ContactNormalisation.normalise(contact)
                .orElseThrow(() -> new IllegalArgumentException("a blank contact finds no one")));
        return query("SELECT subject_id, subject_type, record_id FROM " + TABLE
                + " WHERE contact_mac = ? ORDER BY indexed_at, subject_id", mark);
    }

    /** Forgets the subject's contact (an erasure): the record stays, no longer linked to the person. */
    public void forget(String subjectId) {
        update("UPDATE " + TABLE + " SET contact_mac = NULL WHERE subject_id = ?", subjectId);
    }

    /** Deletes the subject's entry: their key was discarded, their command stored nothing. */
    public void discard(String subjectId) {
        update("DELETE FROM " + TABLE + " WHERE subject_id = ?", subjectId);
    }

    /** Whether the one-off indexing of the subjects sealed before the index existed was done. */
    public boolean rebuilt() {
        return settings.read(REBUILT_NAME).isPresent();
    }

    /** Remembers that the one-off indexing was done, and when. */
    public void markRebuilt(Instant at) {
        settings.insertOnce(REBUILT_NAME, at.toString());
    }

    /** Closes the index's connection pool, if it has one. */
    @Override
    public void close() throws Exception {
        if (dataSource instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    private List<IndexedSubject> query(String sql, String parameter) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, parameter);
            List<IndexedSubject> found = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.add(new IndexedSubject(rs.getString(1), rs.getString(2), rs.getString(3)));
                }
            }
            return found;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the contact index", e);
        }
    }

    private void update(String sql, String subjectId) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, subjectId);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot change the contact index", e);
        }
    }
}
