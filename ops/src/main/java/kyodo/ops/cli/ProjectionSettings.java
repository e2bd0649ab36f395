package kyodo.ops.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.projections.*}: rebuilding the read models ({@code projections replay}, and the bench's
 * replay, which does the same).
 *
 * @param replayTimeout   how long {@code projections replay} may take before it reports failure
 * @param replayBatchSize events per unit of work of the single-pass replay
 */
@ConfigurationProperties("kyodo.projections")
public record ProjectionSettings(@DefaultValue("1h") Duration replayTimeout,
                                 @DefaultValue("2000") int replayBatchSize) {
}
