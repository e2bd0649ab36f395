package kyodo.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The read API's settings, {@code kyodo.query.*}.
 *
 * @param maxWait how long a read with minVersion=N waits for the read model to reach version N before it
 *                answers 503 with Retry-After
 */
@ConfigurationProperties("kyodo.query")
public record QuerySettings(@DefaultValue("5s") Duration maxWait) {
}
