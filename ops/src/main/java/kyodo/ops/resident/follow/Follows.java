package kyodo.ops.resident.follow;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import kyodo.kernel.follow.FollowKind;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who follows what, never public (only the notifier and the follower's own page read it), in a
 * database of its own (an H2 file under {@code <data-dir>/follows} by default): the follows (a read
 * model of {@code FollowStarted}/{@code FollowEnded}), what the notifier knows of each followed thing
 * (its ward and title, from the events that created it), each follower's choice of immediate mail or
 * digest, and every notification made: one row per event and follower, the claim that makes a
 * re-delivered or replayed event tell nobody twice. Every write is idempotent.
 *
 * <p>Most of what happens is followed by nobody, and the notifier asks about every event. So the
 * targets that have followers (wards included) are also kept in memory, with how many follow each:
 * {@link #followed} answers without the database. The view is loaded when the store opens, and every
 * follow or unfollow made through this object updates it under one lock, after its row changed. Each
 * such change also counts up a generation row in the same transaction; {@link #catchUp} compares it
 * with the view's, so a store that another process also writes to (a shared {@code store-url}) is
 * reloaded before the view is trusted. The view may say "followed" of a target nobody follows any more
 * (then the database says who: nobody); it never misses a follow that is in the store.
 */
class Follows implements AutoCloseable {

    private static final String WARD_PREFIX = FollowKind.WARD.name() + ":";

    private final HikariDataSource dataSource;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    /** Followed targets ({@code KIND:id}) with their number of followers; written only under {@code this}. */
    private final Map<String, Integer> followed = new ConcurrentHashMap<>();
    /** How many follows of wards the view holds: a subject's ward matters only when some ward is followed. */
    private volatile int followedWards;
    /** The generation the view reflects; written only under {@code this}. */
    private volatile long generation;

    Follows(String jdbcUrl) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setUsername("kyodo");
        config.setPassword("");
        config.setMaximumPoolSize(3);
        config.setPoolName("kyodo-follows");
        this.dataSource = new HikariDataSource(config);
        this.jdbc = new JdbcTemplate(dataSource);
        jdbc.execute("CREATE TABLE IF NOT EXISTS follow (follower_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, "
                + "target_id VARCHAR(64) NOT NULL, since TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "PRIMARY KEY (follower_id, kind, target_id))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS follow_target ON follow (kind, target_id)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS follow_subject (kind VARCHAR(16) NOT NULL, target_id VARCHAR(64) NOT NULL, "
                + "ward VARCHAR(16), title VARCHAR(1000) NOT NULL, PRIMARY KEY (kind, target_id))");
        jdbc.execute("CREATE TABLE IF NOT EXISTS follow_preference (follower_id VARCHAR(64) PRIMARY KEY, "
                + "mode VARCHAR(16) NOT NULL)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS follow_notification (event_id VARCHAR(64) NOT NULL, "
                + "follower_id VARCHAR(64) NOT NULL, kind VARCHAR(16) NOT NULL, target_id VARCHAR(64) NOT NULL, "
                + "what VARCHAR(32) NOT NULL, detail CLOB, happened_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "noted_at TIMESTAMP WITH TIME ZONE NOT NULL, pending_digest BOOLEAN NOT NULL, "
                + "PRIMARY KEY (event_id, follower_id))");
        jdbc.execute("CREATE INDEX IF NOT EXISTS follow_digest ON follow_notification (pending_digest, follower_id)");
        jdbc.execute("CREATE TABLE IF NOT EXISTS follow_generation (id INT PRIMARY KEY, generation BIGINT NOT NULL)");
        jdbc.update("MERGE INTO follow_generation (id, generation) KEY (id) SELECT 1, COALESCE(MAX(generation), 0) "
                + "FROM follow_generation WHERE id = 1");
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        reload();
    }

    /** One follow of a resident, as their page lists it. */
    record Followed(FollowKind kind, String targetId, Instant since) {
    }

    synchronized void start(String follower, FollowKind kind, String targetId, Instant at) {
        changeFollows(() -> jdbc.update("MERGE INTO follow (follower_id, kind, target_id, since) "
                        + "KEY (follower_id, kind, target_id) VALUES (?, ?, ?, ?)", follower, kind.name(), targetId,
                Timestamp.from(at)), List.of(key(kind, targetId)));
    }

    synchronized void end(String follower, FollowKind kind, String targetId) {
        changeFollows(() -> jdbc.update("DELETE FROM follow WHERE follower_id = ? AND kind = ? AND target_id = ?",
                follower, kind.name(), targetId), List.of(key(kind, targetId)));
    }

    /** The follower's key was erased (their account deleted): nothing of theirs is kept. */
    synchronized void forget(String follower) {
        List<String> targets = jdbc.query("SELECT kind, target_id FROM follow WHERE follower_id = ?",
                (rs, n) -> rs.getString(1) + ":" + rs.getString(2), follower);
        changeFollows(() -> jdbc.update("DELETE FROM follow WHERE follower_id = ?", follower), targets);
        jdbc.update("DELETE FROM follow_preference WHERE follower_id = ?", follower);
        jdbc.update("DELETE FROM follow_notification WHERE follower_id = ? AND pending_digest = TRUE", follower);
    }

    /**
     * Whether anyone may follow the thing or, when it has one, its ward: false only when nobody does
     * (by the view in memory; call {@link #catchUp} first where another process may write follows).
     */
    boolean followed(FollowKind kind, String targetId) {
        return followed.containsKey(key(kind, targetId));
    }

    /** Whether the view holds a follow of any ward: only then does a subject's ward matter. */
    boolean anyWardFollowed() {
        return followedWards > 0;
    }

    /** Reloads the view when follows changed in the store other than through this object. */
    void catchUp() {
        Long stored = jdbc.queryForObject("SELECT generation FROM follow_generation WHERE id = 1", Long.class);
        if (stored != null && stored != generation) {
            synchronized (this) {
                reload();
            }
        }
    }

    /**
     * Changes follow rows and counts up the generation in one transaction, then brings the view's
     * entries of the targets up to date (all of it, when another process changed follows meanwhile).
     */
    private void changeFollows(Runnable change, List<String> targets) {
        Long after = transactions.execute(status -> {
            change.run();
            jdbc.update("UPDATE follow_generation SET generation = generation + 1 WHERE id = 1");
            return jdbc.queryForObject("SELECT generation FROM follow_generation WHERE id = 1", Long.class);
        });
        if (after == null || after != generation + 1) {
            reload();
            return;
        }
        for (String target : targets) {
            int sep = target.indexOf(':');
            Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE kind = ? AND target_id = ?",
                    Integer.class, target.substring(0, sep), target.substring(sep + 1));
            put(target, n == null ? 0 : n);
        }
        generation = after;
    }

    /** The whole view from the store, and the generation it reflects (read in one transaction). */
    private void reload() {
        transactions.executeWithoutResult(status -> {
            Long stored = jdbc.queryForObject("SELECT generation FROM follow_generation WHERE id = 1", Long.class);
            Map<String, Integer> counts = new HashMap<>();
            jdbc.query("SELECT kind, target_id, COUNT(*) FROM follow GROUP BY kind, target_id",
                    (RowCallbackHandler) rs -> counts.put(rs.getString(1) + ":" + rs.getString(2), rs.getInt(3)));
            followed.keySet().retainAll(counts.keySet());
            followed.putAll(counts);
            followedWards = (int) counts.keySet().stream().filter(k -> k.startsWith(WARD_PREFIX)).count();
            generation = stored == null ? 0 : stored;
        });
    }

    private void put(String target, int followers) {
        boolean was = followed.containsKey(target);
        if (followers > 0) {
            followed.put(target, followers);
        } else {
            followed.remove(target);
        }
        if (target.startsWith(WARD_PREFIX) && was != followers > 0) {
            followedWards += followers > 0 ? 1 : -1;
        }
    }

    private static String key(FollowKind kind, String targetId) {
        return kind.name() + ":" + targetId;
    }

    boolean follows(String follower, FollowKind kind, String targetId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE follower_id = ? AND kind = ? AND target_id = ?",
                Integer.class, follower, kind.name(), targetId);
        return n != null && n > 0;
    }

    List<Followed> of(String follower) {
        return jdbc.query("SELECT kind, target_id, since FROM follow WHERE follower_id = ? ORDER BY since DESC, kind, "
                + "target_id", (rs, n) -> new Followed(FollowKind.valueOf(rs.getString(1)), rs.getString(2),
                rs.getTimestamp(3).toInstant()), follower);
    }

    /**
     * Followers of the thing, and of its ward when it has one, each once: those who followed it by
     * {@code at}, the event's time. A follow is written at once while the notifier may still be behind
     * (a backlog after a restart, a large import): whoever follows now is not told of what came before.
     */
    Set<String> followersOf(FollowKind kind, String targetId, String ward, Instant at) {
        Timestamp by = Timestamp.from(at);
        Set<String> followers = new LinkedHashSet<>(jdbc.queryForList(
                "SELECT follower_id FROM follow WHERE kind = ? AND target_id = ? AND since <= ? ORDER BY follower_id",
                String.class, kind.name(), targetId, by));
        if (ward != null) {
            followers.addAll(jdbc.queryForList("SELECT follower_id FROM follow WHERE kind = 'WARD' AND target_id = ? "
                    + "AND since <= ? ORDER BY follower_id", String.class, ward, by));
        }
        return followers;
    }

    /** How many follow the thing itself (a count may be shown; who, never). */
    int count(FollowKind kind, String targetId) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM follow WHERE kind = ? AND target_id = ?", Integer.class,
                kind.name(), targetId);
        return n == null ? 0 : n;
    }

    /** What the notifier knows of a followed thing: its ward (null: city-wide) and title. */
    record Subject(String ward, String title) {
    }

    void subject(FollowKind kind, String targetId, String ward, String title) {
        jdbc.update("MERGE INTO follow_subject (kind, target_id, ward, title) KEY (kind, target_id) VALUES (?, ?, ?, ?)",
                kind.name(), targetId, ward, title);
    }

    Optional<Subject> subject(FollowKind kind, String targetId) {
        return jdbc.query("SELECT ward, title FROM follow_subject WHERE kind = ? AND target_id = ?",
                (rs, n) -> new Subject(rs.getString(1), rs.getString(2)), kind.name(), targetId).stream().findFirst();
    }

    NotificationMode mode(String follower) {
        return jdbc.queryForList("SELECT mode FROM follow_preference WHERE follower_id = ?", String.class, follower)
                .stream().findFirst().map(NotificationMode::valueOf).orElse(NotificationMode.IMMEDIATE);
    }

    void mode(String follower, NotificationMode mode) {
        jdbc.update("MERGE INTO follow_preference (follower_id, mode) KEY (follower_id) VALUES (?, ?)", follower,
                mode.name());
    }

    /**
     * Records that the follower was told of the event (or will be, in their digest): false when they
     * already were, so nobody is told twice, whatever re-delivers the event.
     */
    boolean note(String eventId, String follower, Change change, boolean digest, Instant now) {
        return jdbc.update("INSERT INTO follow_notification (event_id, follower_id, kind, target_id, what, detail, "
                        + "happened_at, noted_at, pending_digest) SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS "
                        + "(SELECT 1 FROM follow_notification WHERE event_id = ? AND follower_id = ?)",
                eventId, follower, change.kind().name(), change.targetId(), change.what(), change.detail(),
                Timestamp.from(change.at()), Timestamp.from(now), digest, eventId, follower) == 1;
    }

    boolean noted(String eventId, String follower) {
        Integer n = jdbc.queryForObject("SELECT COUNT(*) FROM follow_notification WHERE event_id = ? AND follower_id = ?",
                Integer.class, eventId, follower);
        return n != null && n > 0;
    }

    /** Followers with digest items noted before {@code cutoff}. */
    List<String> digestsDue(Instant cutoff) {
        return jdbc.queryForList("SELECT DISTINCT follower_id FROM follow_notification WHERE pending_digest = TRUE "
                + "AND noted_at < ? ORDER BY follower_id", String.class, Timestamp.from(cutoff));
    }

    /** One item of a digest: the event and what happened. */
    record DigestItem(String eventId, Change change) {
    }

    List<DigestItem> digest(String follower, Instant cutoff) {
        return jdbc.query("SELECT event_id, kind, target_id, what, detail, happened_at FROM follow_notification "
                        + "WHERE follower_id = ? AND pending_digest = TRUE AND noted_at < ? ORDER BY happened_at, event_id",
                (rs, n) -> new DigestItem(rs.getString(1), new Change(FollowKind.valueOf(rs.getString(2)),
                        rs.getString(3), rs.getString(4), rs.getString(5), rs.getTimestamp(6).toInstant())),
                follower, Timestamp.from(cutoff));
    }

    /** The digest with these items was queued: they are done (the rows stay, as claims). */
    void digested(String follower, Instant cutoff) {
        jdbc.update("UPDATE follow_notification SET pending_digest = FALSE WHERE follower_id = ? AND pending_digest = TRUE "
                + "AND noted_at < ?", follower, Timestamp.from(cutoff));
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
