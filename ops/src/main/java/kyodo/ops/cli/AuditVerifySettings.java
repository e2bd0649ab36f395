package kyodo.ops.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.audit.verify.*}: the {@code audit verify} command.
 *
 * @param catchUpTimeout how long {@code audit verify} lets the event processors and then the decision
 *                       log catch up before it verifies what the log holds (with a warning)
 */
@ConfigurationProperties("kyodo.audit.verify")
public record AuditVerifySettings(@DefaultValue("60s") Duration catchUpTimeout) {
}
