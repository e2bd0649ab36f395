package kyodo.query.audit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.nio.file.Path;
import java.util.Arrays;

/**
 * The audit trail's keys and its processor's failure policy.
 * <p>
 * Axon's default for a failing event handler is to log and carry on, which would leave a decision
 * out of the log for good. The decision log's handler failures are propagated instead: the batch
 * fails before its token is stored and the processor retries it (the writes are idempotent).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuditSettings.class)
public class AuditConfiguration {

    @Bean
    AuditSigningKey auditSigningKey(AuditSettings settings, @Value("${kyodo.data-dir}") Path dataDir) {
        return AuditSigningKey.load(settings.signingKey(), dataDir);
    }

    @Bean
    AuditKeyRing auditKeyRing(AuditSigningKey signingKey, AuditSettings settings) {
        return new AuditKeyRing(signingKey, Arrays.asList(settings.previousPublicKeys().split(",")));
    }
}
