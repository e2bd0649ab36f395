package kyodo.ops.resident;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.residents.*}: residents' own accounts on the portal (issue 17).
 *
 * @param accountsUrl        the JDBC URL of residents' accounts (unset: an embedded file under
 *                           {@code <data-dir>/residents})
 * @param sessionTimeout     how long a resident's session lasts without a request
 * @param confirmationExpiry how long the code mailed at sign-up can confirm the address
 * @param counterCodeExpiry  how long a verification code issued at the ward office counter can be used
 * @param codeGuesses        wrong entries of a mailed confirmation code before it no longer works (sign up again)
 * @param perAddressPerHour  sign-ups, sign-ins, confirmations and verifications per client address per hour
 * @param perAccountPerHour  the same per e-mail address or account per hour (guessing a code or a password)
 */
@ConfigurationProperties("kyodo.residents")
public record ResidentSettings(String accountsUrl,
                               @DefaultValue("30m") Duration sessionTimeout,
                               @DefaultValue("1h") Duration confirmationExpiry,
                               @DefaultValue("7d") Duration counterCodeExpiry,
                               @DefaultValue("5") int codeGuesses,
                               @DefaultValue("60") int perAddressPerHour,
                               @DefaultValue("10") int perAccountPerHour) {

    public ResidentSettings {
        for (Duration d : new Duration[]{sessionTimeout, confirmationExpiry, counterCodeExpiry}) {
            if (d.isNegative() || d.isZero()) {
                throw new IllegalStateException("kyodo.residents: durations must be positive");
            }
        }
        if (codeGuesses < 1 || perAddressPerHour < 1 || perAccountPerHour < 1) {
            throw new IllegalStateException("kyodo.residents: code-guesses and the per-hour limits must be at least 1");
        }
    }
}
