package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The order of decisions on the embedded store ({@code kyodo.decisions.*}, {@link DecisionOrder}).
 *
 * @param orderWait how long a decision waits for the one before it to be committed before its command is refused with a 503
 */
@ConfigurationProperties("kyodo.decisions")
public record DecisionSettings(@DefaultValue("10s") Duration orderWait) {
}
