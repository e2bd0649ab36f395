package kyodo.query.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the query side's projections run, {@code kyodo.projections.*}.
 *
 * @param batchSize events a projection's processor handles, and writes, per batch
 * @param segments  segments of each projection's processor (a projection in global order always has one)
 */
@ConfigurationProperties("kyodo.projections")
public record ProjectionSettings(@DefaultValue("100") int batchSize, @DefaultValue("1") int segments) {
}
