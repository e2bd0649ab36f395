package kyodo.ops.mail;

import com.zaxxer.hikari.HikariDataSource;
import kyodo.ops.startup.OpsStores;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The durable outbox: a message is stored here before the request that caused it answers, and stays
 * until it was delivered, however often delivery fails (each failure waits longer before the next
 * try, up to a cap). Delivery is at least once: a crash between sending and {@link #delivered}
 * sends the message again. A delivered message is deleted, its address with it.
 */
public class Outbox implements AutoCloseable {

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final MailSettings settings;
    private final List<Runnable> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final TransactionTemplate transactions;
    private static final int SENT_KEPT = 200;

    Outbox(String jdbcUrl, MailSettings settings, Clock clock) {
        this.dataSource = OpsStores.pool(jdbcUrl, "outbox", 2);
        this.jdbc = new JdbcTemplate(dataSource);
        this.clock = clock;
        this.settings = settings;
        jdbc.execute("CREATE TABLE IF NOT EXISTS mail_outbox (id VARCHAR(36) PRIMARY KEY, "
                + "recipient VARCHAR(320) NOT NULL, subject VARCHAR(500) NOT NULL, body CLOB NOT NULL, "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, attempts INT NOT NULL, "
                + "next_attempt_at TIMESTAMP WITH TIME ZONE NOT NULL, last_failure VARCHAR(200))");
        jdbc.execute("ALTER TABLE mail_outbox ADD COLUMN IF NOT EXISTS headers CLOB");
        // a key claimed once, for ever: what was queued under it is never queued again (notifications)
        jdbc.execute("CREATE TABLE IF NOT EXISTS mail_outbox_key (queue_key VARCHAR(200) PRIMARY KEY, "
                + "queued_at TIMESTAMP WITH TIME ZONE NOT NULL)");
        // what was delivered, without its address, for the ADMIN's list (the newest SENT_KEPT)
        jdbc.execute("CREATE TABLE IF NOT EXISTS mail_sent (id VARCHAR(36) PRIMARY KEY, subject VARCHAR(500) NOT NULL, "
                + "created_at TIMESTAMP WITH TIME ZONE NOT NULL, sent_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "attempts INT NOT NULL)");
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /** Stores a message for sending; the relay is told at once. */
    public String queue(String to, String subject, String body) {
        String id = UUID.randomUUID().toString();
        insert(id, to, subject, body, Map.of());
        listeners.forEach(Runnable::run);
        return id;
    }

    /**
     * Stores a message under a key, once: the key and the message are written in one transaction, and
     * a key seen before queues nothing (a notification re-delivered after a crash or a replay).
     *
     * @param headers extra header lines (e.g. {@code List-Unsubscribe}), in order
     * @return whether this call queued it
     */
    public boolean queueOnce(String key, String to, String subject, String body, Map<String, String> headers) {
        Boolean queued = transactions.execute(tx -> {
            try {
                jdbc.update("INSERT INTO mail_outbox_key (queue_key, queued_at) VALUES (?, ?)", key,
                        Timestamp.from(clock.instant()));
            } catch (DuplicateKeyException seen) {
                return false;
            }
            insert(UUID.randomUUID().toString(), to, subject, body, headers);
            return true;
        });
        if (Boolean.TRUE.equals(queued)) {
            listeners.forEach(Runnable::run);
        }
        return Boolean.TRUE.equals(queued);
    }

    private void insert(String id, String to, String subject, String body, Map<String, String> headers) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        jdbc.update("INSERT INTO mail_outbox (id, recipient, subject, body, created_at, attempts, next_attempt_at, "
                        + "headers) VALUES (?, ?, ?, ?, ?, 0, ?, ?)", id, to, subject, body, Timestamp.from(now),
                Timestamp.from(now), MailMessage.headerLines(headers));
    }

    /** Messages whose next try is due, oldest first, at most {@code limit}. */
    List<MailMessage> due(int limit) {
        return jdbc.query("SELECT id, recipient, subject, body, created_at, headers FROM mail_outbox "
                        + "WHERE next_attempt_at <= ? ORDER BY created_at, id LIMIT ?",
                (rs, n) -> new MailMessage(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant(), MailMessage.parseHeaders(rs.getString(6))),
                Timestamp.from(clock.instant()), limit);
    }

    /** The message went out: it is forgotten, address and all; its subject and times stay for the ADMIN's list. */
    void delivered(String id) {
        transactions.executeWithoutResult(tx -> {
            jdbc.update("INSERT INTO mail_sent (id, subject, created_at, sent_at, attempts) SELECT id, subject, "
                    + "created_at, ?, attempts + 1 FROM mail_outbox WHERE id = ?", Timestamp.from(clock.instant()), id);
            jdbc.update("DELETE FROM mail_outbox WHERE id = ?", id);
        });
        jdbc.update("DELETE FROM mail_sent WHERE id NOT IN (SELECT id FROM mail_sent ORDER BY sent_at DESC, id "
                + "LIMIT " + SENT_KEPT + ")");
    }

    /**
     * A try failed: the next one waits {@code first-retry}, doubling with each failure up to
     * {@code max-retry}. Only the failure's kind is kept (its message may name the address).
     */
    void failed(String id, Throwable failure) {
        Integer attempts = jdbc.queryForObject("SELECT attempts FROM mail_outbox WHERE id = ?", Integer.class, id);
        int next = attempts == null ? 1 : attempts + 1;
        jdbc.update("UPDATE mail_outbox SET attempts = ?, next_attempt_at = ?, last_failure = ? WHERE id = ?",
                next, Timestamp.from(clock.instant().plus(wait(next))), failure.getClass().getName(), id);
    }

    /** The wait after the n-th failure: first, 2×first, 4×first … up to the cap. */
    Duration wait(int failures) {
        Duration wait = settings.firstRetry();
        for (int i = 1; i < failures && wait.compareTo(settings.maxRetry()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(settings.maxRetry()) > 0 ? settings.maxRetry() : wait;
    }

    /** Messages not yet delivered. */
    public int pending() {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM mail_outbox", Integer.class);
        return n == null ? 0 : n;
    }

    /** Failed tries of the messages still waiting (for an operator, and to see that a retry is pending). */
    public int failedTries() {
        Integer n = jdbc.queryForObject("SELECT COALESCE(SUM(attempts), 0) FROM mail_outbox", Integer.class);
        return n == null ? 0 : n;
    }

    /**
     * The ADMIN's view (issue 17): the messages waiting (queued or failing, with their tries and next
     * try) and the last ones sent, newest first, each address shown only masked.
     */
    public List<OutboxEntry> overview(int limit) {
        List<OutboxEntry> entries = new java.util.ArrayList<>(jdbc.query("SELECT id, recipient, subject, created_at, "
                        + "attempts, next_attempt_at, last_failure FROM mail_outbox ORDER BY created_at DESC, id LIMIT ?",
                (rs, n) -> new OutboxEntry(rs.getString(1), OutboxEntry.mask(rs.getString(2)), rs.getString(3),
                        rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getTimestamp(6).toInstant(),
                        shortName(rs.getString(7)), null), limit));
        entries.addAll(jdbc.query("SELECT id, subject, created_at, attempts, sent_at FROM mail_sent "
                        + "ORDER BY sent_at DESC, id LIMIT ?",
                (rs, n) -> new OutboxEntry(rs.getString(1), null, rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getInt(4), null, null, rs.getTimestamp(5).toInstant()), limit));
        return entries;
    }

    private static String shortName(String className) {
        return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
    }

    /** Called after every queued message (the relay sends it at once). */
    void onQueued(Runnable listener) {
        listeners.add(listener);
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
