package kyodo.query.audit;

import kyodo.query.platform.store.ReadStore;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The audit trail's keys and its processor's failure policy. The keys must include the one that
 * signed the log's latest checkpoint ({@link SharedLogKey}).
 * <p>
 * Axon's default for a failing event handler is to log and carry on, which would leave a decision
 * out of the log for good. The decision log's handler failures are propagated instead: the batch
 * fails before its token is stored and the processor retries it (the writes are idempotent).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
public class AuditConfiguration {

    /** The configured key, or the embedded one; never a fresh one for a log another key signed. */
    @Bean
    AuditSigningKey auditSigningKey(AuditSettings settings, @Value("${kyodo.data-dir}") Path dataDir,
                                    ReadStore store) {
        SharedLogKey.refuseNewKey(settings.signingKey(), AuditSigningKey.embeddedFile(dataDir), store);
        return AuditSigningKey.load(settings.signingKey(), dataDir);
    }

    /** The keys, refused at start unless they include the key of the (possibly shared) log's latest checkpoint. */
    @Bean
    AuditKeyRing auditKeyRing(AuditSigningKey signingKey, AuditSettings settings, ReadStore store) {
        AuditKeyRing keys = new AuditKeyRing(signingKey, Arrays.asList(settings.previousPublicKeys().split(",")));
        SharedLogKey.check(keys, store);
        return keys;
    }
}
