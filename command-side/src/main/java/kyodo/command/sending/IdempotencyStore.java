package kyodo.command.sending;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;

/**
 * Durable record of Idempotency-Keys in the command side's database, so that a retry after a
 * restart still finds the first answer. A key is held per scope: the route and the ward scope of
 * the account that used it ({@link IdempotentCreation}); rows written before keys were scoped have
 * the route alone as their scope and are still read.
 */
@Component
public class IdempotencyStore {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public IdempotencyStore(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
        jdbc.execute("CREATE TABLE IF NOT EXISTS kyodo_idempotency_key ("
                + "scope VARCHAR(100) NOT NULL, "
                + "idem_key VARCHAR(200) NOT NULL, "
                + "request_hash VARCHAR(64) NOT NULL, "
                + "resource_id VARCHAR(64) NOT NULL, "
                + "created_at TIMESTAMP NOT NULL, "
                + "PRIMARY KEY (scope, idem_key))");
    }

    /**
     * Claims the key for a new resource id, or returns the earlier claim.
     *
     * @return the claim in force; {@code claimedNow} tells whether this call made it
     */
    public Claim claim(String scope, String key, String requestHash, String candidateId) {
        // The holder of a claim may release it (its creation was refused) between our failed insert
        // and our read: then the key is free again and we try to claim it once more.
        for (int attempt = 0; ; attempt++) {
            try {
                jdbc.update("INSERT INTO kyodo_idempotency_key (scope, idem_key, request_hash, resource_id, created_at) "
                        + "VALUES (?, ?, ?, ?, ?)", scope, key, requestHash, candidateId, Timestamp.from(clock.instant()));
                return new Claim(requestHash, candidateId, true);
            } catch (DuplicateKeyException taken) {
                Optional<Claim> holder = find(scope, key);
                if (holder.isPresent()) {
                    return holder.get();
                }
                if (attempt >= 100) {
                    throw new IllegalStateException("an Idempotency-Key is claimed and released over and over");
                }
            }
        }
    }

    /** The claim of a key in a scope, if any; {@code claimedNow} is false. */
    public Optional<Claim> find(String scope, String key) {
        return jdbc.query("SELECT request_hash, resource_id FROM kyodo_idempotency_key "
                        + "WHERE scope = ? AND idem_key = ?",
                (rs, i) -> new Claim(rs.getString(1), rs.getString(2), false), scope, key).stream().findFirst();
    }

    /** Forgets a claim whose creation was refused, so the key can be used again. */
    public void release(String scope, String key) {
        jdbc.update("DELETE FROM kyodo_idempotency_key WHERE scope = ? AND idem_key = ?", scope, key);
    }

    /** A key's claim: which request it was first used with and the id it created. */
    public record Claim(String requestHash, String resourceId, boolean claimedNow) {
    }
}
