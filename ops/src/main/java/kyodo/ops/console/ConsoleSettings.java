package kyodo.ops.console;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.console.*}: the staff console's sign-in session.
 *
 * @param sessionTimeout how long a signed-in console session lasts without a request before it ends and
 *                       the next page asks to sign in again
 */
@ConfigurationProperties("kyodo.console")
public record ConsoleSettings(@DefaultValue("30m") Duration sessionTimeout) {

    public ConsoleSettings {
        if (sessionTimeout.isNegative() || sessionTimeout.isZero()) {
            throw new IllegalStateException("kyodo.console.session-timeout must be positive");
        }
    }
}
