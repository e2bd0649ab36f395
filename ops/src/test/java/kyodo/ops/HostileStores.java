package kyodo.ops;

import org.springframework.core.env.Environment;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What the running app has stored, counted from outside its beans: events in the event store and
 * personal-data keys in the vault. A refused request must change neither; an accepted one adds
 * events, and at most one key per person it names.
 */
final class HostileStores implements AutoCloseable {

    private final KyodoTestApp app;
    private Connection vault;

    HostileStores(KyodoTestApp app) {
        this.app = app;
    }

    /** The counts at one moment. */
    record Counts(long events, long keys) {

        Counts minus(Counts before) {
            return new Counts(events - before.events, keys - before.keys);
        }

        boolean isZero() {
            return events == 0 && keys == 0;
        }

        @Override
        public String toString() {
            return events + " events, " + keys + " personal-data keys";
        }
    }

    Counts now() {
        return new Counts(app.storedEvents(), vaultKeys());
    }

    /**
     * The counts once the app has stopped writing: a request may still be at work after its client
     * got an answer or hung up, so read until three readings 50 ms apart agree (or 5 s passed).
     */
    Counts settled() {
        Counts last = now();
        int agreeing = 1;
        for (int i = 0; i < 100 && agreeing < 3; i++) {
            sleep(50);
            Counts next = now();
            agreeing = next.equals(last) ? agreeing + 1 : 1;
            last = next;
        }
        return last;
    }

    /**
     * Rows in the vault's key table, over a connection of the test's own to the vault's H2 file
     * (the same in-process database the app has open; the app exposes no count).
     */
    long vaultKeys() {
        try {
            if (vault == null) {
                Environment env = app.context().getEnvironment();
                vault = DriverManager.getConnection(env.getRequiredProperty("kyodo.vault.url"),
                        env.getProperty("kyodo.vault.username", "kyodo"), env.getProperty("kyodo.vault.password", ""));
            }
            try (Statement s = vault.createStatement();
                 ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM kyodo_person_key")) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot count the keys in the vault", e);
        }
    }

    @Override
    public void close() {
        if (vault != null) {
            try {
                vault.close();
            } catch (SQLException e) {
                throw new IllegalStateException("cannot close the connection to the vault", e);
            }
        }
    }

    private static void sleep(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
