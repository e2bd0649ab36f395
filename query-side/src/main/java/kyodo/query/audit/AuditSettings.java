package kyodo.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The audit trail's settings, {@code kyodo.audit.*}.
 *
 * @param signingKey              the checkpoint signing key: base64 PKCS#8 Ed25519 or a file path; empty: the key
 *                                kept in audit/signing-key under the data directory, made on first start
 * @param previousPublicKeys      comma-separated base64 public keys of earlier signing keys, still published so
 *                                that old checkpoints verify after a rotation
 * @param checkpointEvery         a signed checkpoint is issued when the log reaches a multiple of this many entries
 * @param checkpointMaxAge        a checkpoint is signed at least this often while the log grows
 * @param checkpointCheckInterval how often the log is checked for a checkpoint due by age
 * @param stream                  the live stream of decisions
 */
@ConfigurationProperties("kyodo.audit")
public record AuditSettings(@DefaultValue("") String signingKey,
                            @DefaultValue("") String previousPublicKeys,
                            @DefaultValue("1000") long checkpointEvery,
                            @DefaultValue("P1D") Duration checkpointMaxAge,
                            @DefaultValue("PT1H") Duration checkpointCheckInterval,
                            @DefaultValue Stream stream) {

    /**
     * The live stream of decisions, {@code kyodo.audit.stream.*}.
     *
     * @param heartbeat    a comment line is sent this often to keep the connection open
     * @param pollInterval how often the log's size is polled for entries written by another process
     */
    public record Stream(@DefaultValue("15s") Duration heartbeat, @DefaultValue("1s") Duration pollInterval) {
    }
}
