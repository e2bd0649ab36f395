package kyodo.ops.security;

import org.springframework.security.core.AuthenticationException;

import java.time.Duration;

/** A sign-in refused unchecked because its account at that address, or the address, is slowed down. */
final class SignInSlowedDown extends AuthenticationException {

    private final transient Duration retryAfter;

    SignInSlowedDown(Duration retryAfter) {
        super("Too many failed sign-ins; try again later.");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds until the next attempt is checked, at least 1 (the value of {@code Retry-After}). */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
