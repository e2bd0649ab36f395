package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The order of decisions on the embedded store ({@code kyodo.decisions.*}, {@link DecisionOrder}).
 *
 * @param orderWait how long the order of decisions may stand still (the decision holding it neither committed nor
 *                  rolled back) before a decision waiting for it is refused with a 503; a decision waits as long as
 *                  the ones before it keep committing, however long the queue
 */
@ConfigurationProperties("kyodo.decisions")
public record DecisionSettings(@DefaultValue("10s") Duration orderWait) {
}
