package kyodo.kernel.personal;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.Optional;

/**
 * A table of named values in the vault's database, where the installation keeps its secrets (ADR 3):
 * the contact index's, the residents' two (and the contact index also notes there when its one-off
 * rebuild was done). A value is written once and never changed; a secret is 32 random bytes generated
 * on first use. Two processes starting together both try to store it: one insert wins and both read
 * what it stored. Safe to open at every start, from both sides.
 *
 * @param dataSource  the vault's database
 * @param table       the table's name
 * @param valueColumn the name of its value column (beside {@code name})
 * @param what        what the table holds, for the failures' messages ("the residents' secrets")
 */
public record InstallationSecrets(DataSource dataSource, String table, String valueColumn, String what) {

    /** The table, created if it is missing. */
    public static InstallationSecrets open(DataSource dataSource, String table, String valueColumn, String what) {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS " + table + " (name VARCHAR(64) NOT NULL PRIMARY KEY, "
                    + valueColumn + " VARCHAR(64) NOT NULL)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create " + what, e);
        }
        return new InstallationSecrets(dataSource, table, valueColumn, what);
    }

    /** The named secret, generated and stored on first use. */
    public byte[] secret(String name, SecureRandom random) {
        if (read(name).isEmpty()) {
            byte[] fresh = new byte[32];
            random.nextBytes(fresh);
            insertOnce(name, Base64.getEncoder().encodeToString(fresh));
        }
        return Base64.getDecoder().decode(read(name).orElseThrow(
                () -> new IllegalStateException(what + " have no " + name)));
    }

    /** The named value, if it was stored. */
    public Optional<String> read(String name) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT " + valueColumn + " FROM " + table + " WHERE name = ?")) {
            ps.setString(1, name);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + what, e);
        }
    }

    /** Stores the value unless the name is already there (another process was first: its value stands). */
    public void insertOnce(String name, String value) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "INSERT INTO " + table + " (name, " + valueColumn + ") VALUES (?, ?)")) {
            ps.setString(1, name);
            ps.setString(2, value);
            ps.executeUpdate();
        } catch (SQLException e) {
            if (read(name).isEmpty()) {
                throw new IllegalStateException("cannot store " + what, e);
            }
        }
    }
}
