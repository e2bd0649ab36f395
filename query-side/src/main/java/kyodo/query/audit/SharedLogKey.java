package kyodo.query.audit;

import com.mongodb.client.model.Sorts;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Several query-side processes may share one decision log (one read store): all of them must sign
 * with the one configured key (ADR 10). A process whose keys do not include the key of the log's
 * latest checkpoint would sign, and publish, a second history under a key of its own, a fork that
 * every verifier rejects; it refuses to start instead ({@link Refused}). So does a process with no
 * {@code kyodo.audit.signing-key} and no key file of its own when the log already has checkpoints: it
 * would otherwise make a fresh key. A key rotation passes: the replaced key's public half is in
 * {@code kyodo.audit.previous-public-keys}.
 */
final class SharedLogKey {

    private SharedLogKey() {
    }

    /**
     * Refuses to make a fresh embedded key for a log that another key has signed already.
     *
     * @param configured   {@code kyodo.audit.signing-key}
     * @param embeddedFile where the embedded key would be kept
     */
    static void refuseNewKey(String configured, Path embeddedFile, ReadStore store) {
        if ((configured == null || configured.isBlank()) && !Files.exists(embeddedFile)) {
            latest(store).ifPresent(latest -> {
                throw new Refused("the shared decision log's latest checkpoint (tree size " + latest.treeSize()
                        + ") was signed by key " + latest.keyId() + ", and this process has no kyodo.audit.signing-key"
                        + " and no " + embeddedFile + ": it would sign with a new key of its own");
            });
        }
    }

    /** Refuses keys that neither signed the log's latest checkpoint nor replaced the key that did. */
    static void check(AuditKeyRing keys, ReadStore store) {
        latest(store).filter(latest -> keys.find(latest.keyId()).isEmpty()).ifPresent(latest -> {
            throw new Refused("the shared decision log's latest checkpoint (tree size " + latest.treeSize()
                    + ") was signed by key " + latest.keyId() + ", which is neither this process's signing key "
                    + keys.current().keyId() + " nor one of kyodo.audit.previous-public-keys");
        });
    }

    private static Optional<Checkpoint> latest(ReadStore store) {
        Document latest = store.collection(Checkpoints.COLLECTION).find().sort(Sorts.descending("_id")).limit(1)
                .first();
        return Optional.ofNullable(latest).map(Checkpoint::fromDocument);
    }

    /** A query-side process that would fork the shared log; its message is the one line start-up prints. */
    static final class Refused extends IllegalStateException {

        Refused(String why) {
            super("kyodo cannot sign the decision log: " + why);
        }
    }

    /** Prints the refusal as the reason start-up failed, without a stack trace. */
    static final class Analyzer extends AbstractFailureAnalyzer<Refused> {

        @Override
        protected FailureAnalysis analyze(Throwable rootFailure, Refused cause) {
            return new FailureAnalysis(cause.getMessage(), "Give every query-side process the log's one key "
                    + "(kyodo.audit.signing-key, e.g. the same file), or, after a rotation, list the key it replaced "
                    + "in kyodo.audit.previous-public-keys (/public/audit/keys shows both).", cause);
        }
    }
}
