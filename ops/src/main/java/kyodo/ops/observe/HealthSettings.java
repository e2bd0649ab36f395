package kyodo.ops.observe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code kyodo.health.*}: when {@code /actuator/health} says a process is DEGRADED ({@link ProcessorHealth}).
 *
 * @param lagThreshold events a processing group may have yet to handle before the process is DEGRADED
 *                     (its read models, or its policies, fall behind the event store by more than this)
 */
@ConfigurationProperties("kyodo.health")
public record HealthSettings(@DefaultValue("1000") long lagThreshold) {
}
