package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The order of decisions on the embedded store ({@code kyodo.decisions.*}, {@link DecisionOrder}).
 *
 * @param orderWait how long a command that records a decision waits while another one is being committed, before it is refused with a 503
 */
@ConfigurationProperties("kyodo.decisions")
public record DecisionSettings(@DefaultValue("10s") Duration orderWait) {
}
