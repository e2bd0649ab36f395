package kyodo.kernel.personal;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A {@link PersonKeyVault} in any JDBC database (an H2 file by default, PostgreSQL in
 * production). Erasure overwrites the key and keeps a tombstone, so that views can tell
 * "erased" from "unknown".
 */
public final class JdbcPersonKeyVault implements PersonKeyVault, AutoCloseable {

    private static final String TABLE = "kyodo_person_key";

    private final DataSource dataSource;
    private final KeyGenerator keyGenerator;

    public JdbcPersonKeyVault(DataSource dataSource, KeyGenerator keyGenerator) {
        this.dataSource = dataSource;
        this.keyGenerator = keyGenerator;
    }

    /** Creates the vault's table if it is missing; safe to call at every start. */
    public void createSchema() {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " ("
                    + "subject_id VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + "key_material VARCHAR(64), "
                    + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                    + "erased_at TIMESTAMP WITH TIME ZONE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the personal-data key vault", e);
        }
    }

    @Override
    public byte[] createKey(String subjectId, Instant createdAt) {
        try (Connection c = dataSource.getConnection()) {
            return insertKey(c, subjectId, createdAt);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a key for a new data subject", e);
        }
    }

    /** One transaction, so one commit of the vault's file per submission (each commit writes a chunk). */
    @Override
    public byte[] createKey(String subjectId, Instant createdAt, ContactIndex.Entry indexed) {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                byte[] key = insertKey(c, subjectId, createdAt);
                indexed.insert(c);
                c.commit();
                return key;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot store a key for a new data subject", e);
        }
    }

    private byte[] insertKey(Connection c, String subjectId, Instant createdAt) throws SQLException {
        byte[] key = keyGenerator.newKey();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + TABLE + " (subject_id, key_material, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, subjectId);
            ps.setString(2, Base64.getEncoder().encodeToString(key));
            ps.setObject(3, createdAt.atOffset(ZoneOffset.UTC));
            ps.executeUpdate();
            return key;
        }
    }

    @Override
    public Optional<byte[]> findKey(String subjectId) {
        return stored(subjectId).map(Stored::keyMaterial).map(Base64.getDecoder()::decode);
    }

    @Override
    public KeyState state(String subjectId) {
        return stored(subjectId).map(row -> row.keyMaterial() == null ? KeyState.ERASED : KeyState.ACTIVE)
                .orElse(KeyState.UNKNOWN);
    }

    /** The subject's row: empty for an unknown subject, a null key once it was erased. */
    private Optional<Stored> stored(String subjectId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT key_material FROM " + TABLE + " WHERE subject_id = ?")) {
            ps.setString(1, subjectId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Stored(rs.getString(1))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the personal-data key vault", e);
        }
    }

    private record Stored(String keyMaterial) {
    }

    @Override
    public Optional<Instant> destroy(String subjectId, Instant erasedAt) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE " + TABLE + " SET key_material = NULL, erased_at = ? "
                            + "WHERE subject_id = ? AND erased_at IS NULL")) {
                ps.setObject(1, erasedAt.atOffset(ZoneOffset.UTC));
                ps.setString(2, subjectId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT erased_at FROM " + TABLE + " WHERE subject_id = ?")) {
                ps.setString(1, subjectId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getObject(1, OffsetDateTime.class).toInstant())
                            : Optional.empty();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot erase a key in the personal-data key vault", e);
        }
    }

    @Override
    public boolean discard(String subjectId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "DELETE FROM " + TABLE + " WHERE subject_id = ? AND erased_at IS NULL")) {
            ps.setString(1, subjectId);
            return ps.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot discard a key in the personal-data key vault", e);
        }
    }

    /** Closes the vault's connection pool, if it has one. */
    @Override
    public void close() throws Exception {
        if (dataSource instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }

    /** Source of fresh key material; a strong random generator in production. */
    @FunctionalInterface
    public interface KeyGenerator {
        byte[] newKey();
    }
}
