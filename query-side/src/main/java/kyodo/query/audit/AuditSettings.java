package kyodo.query.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * The audit trail's settings, {@code kyodo.audit.*}.
 *
 * @param signingKey              the checkpoint signing key: base64 PKCS#8 Ed25519 or a file path; empty: the key
 *                                kept in audit/signing-key under the data directory, made on first start
 * @param previousPublicKeys      comma-separated base64 public keys of earlier signing keys, still published so
 *                                that old checkpoints verify after a rotation
 * @param checkpointMaxDelay      a signed checkpoint covers every decision at most this long after it was appended
 *                                to the log (entries appended meanwhile share one checkpoint)
 * @param checkpointEvery         a signed checkpoint is also issued when the log reaches a multiple of this many
 *                                entries
 * @param checkpointMaxAge        older name for an upper bound of checkpoint-max-delay: the smaller of the two applies
 * @param checkpointCheckInterval how often the log is also checked for entries no checkpoint covers (appended by
 *                                another process, or before a crash)
 * @param origin                  the log's name in its C2SP checkpoints (first line and signature key name);
 *                                empty: kyodo.{city-domain}/decisions
 * @param cityDomain              the city's domain, naming the log when no origin is set
 * @param witnesses               independent witnesses asked to cosign each new checkpoint (c2sp.org/tlog-witness)
 * @param stream                  the live stream of decisions
 */
@ConfigurationProperties("kyodo.audit")
public record AuditSettings(@DefaultValue("") String signingKey,
                            @DefaultValue("") String previousPublicKeys,
                            @DefaultValue("10s") Duration checkpointMaxDelay,
                            @DefaultValue("1000") long checkpointEvery,
                            @DefaultValue("P1D") Duration checkpointMaxAge,
                            @DefaultValue("PT1H") Duration checkpointCheckInterval,
                            @DefaultValue("") String origin,
                            @DefaultValue("city.example") String cityDomain,
                            @DefaultValue List<Witness> witnesses,
                            @DefaultValue Stream stream) {

    /** How long after an append its checkpoint may come: the smaller of max-delay and max-age. */
    public Duration checkpointDelay() {
        Duration delay = checkpointMaxDelay.compareTo(checkpointMaxAge) <= 0 ? checkpointMaxDelay : checkpointMaxAge;
        if (delay.isNegative() || delay.isZero()) {
            throw new IllegalArgumentException("kyodo.audit.checkpoint-max-delay must be positive");
        }
        return delay;
    }

    /** The log's origin line: {@link #origin} or {@code kyodo.<city domain>/decisions}. */
    public String logOrigin() {
        return origin.isBlank() ? "kyodo." + cityDomain.strip() + "/decisions" : origin.strip();
    }

    /**
     * A witness of the log, {@code kyodo.audit.witnesses[i].*}.
     *
     * @param url where it serves, its submission prefix (add-checkpoint is resolved against it), e.g.
     *            {@code https://witness.example/}
     * @param key its cosignature verifier key, as {@code java -jar kyodo.jar witness} prints it
     */
    public record Witness(String url, String key) {
    }

    /**
     * The live stream of decisions, {@code kyodo.audit.stream.*}.
     *
     * @param heartbeat    a comment line is sent this often to keep the connection open
     * @param pollInterval how often the log's size is polled for entries written by another process
     */
    public record Stream(@DefaultValue("15s") Duration heartbeat, @DefaultValue("1s") Duration pollInterval) {
    }
}
