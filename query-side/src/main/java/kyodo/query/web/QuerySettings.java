package kyodo.query.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The read API's settings, {@code kyodo.query.*}.
 *
 * @param maxWait     how long a read with minVersion=N waits for the read model to reach version N before it
 *                    answers 503 with Retry-After
 * @param pageMaxWait the same bound for the signed-in pages (the staff console, a resident's pages), which a
 *                    member reaches right after their own form post: on a busy server a short wait there is
 *                    better than a 503 page, and only signed-in members can ask for it; never shorter
 *                    than {@code maxWait}
 */
@ConfigurationProperties("kyodo.query")
public record QuerySettings(@DefaultValue("5s") Duration maxWait, @DefaultValue("30s") Duration pageMaxWait) {
}
