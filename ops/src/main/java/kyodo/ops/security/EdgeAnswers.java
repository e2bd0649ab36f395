package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import org.springframework.security.authentication.DisabledException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The security edge's own answers, in the same problem+json as every other error: 401 (not signed
 * in, or a failed sign-in), 429 with {@code Retry-After} (a sign-in slowed down by the
 * {@link SignInThrottle}, its password unchecked), 403 (signed in, not allowed). Every part of the
 * edge answers through the kernel's {@link ProblemAnswers}, as both sides do: the edge sits in front
 * of both sides and depends on neither side's web classes (ADR 16).
 */
final class EdgeAnswers implements ServerAuthenticationEntryPoint, ServerAccessDeniedHandler {

    private final String challenge;

    EdgeAnswers(String challenge) {
        this.challenge = challenge;
    }

    @Override
    public Mono<Void> commence(ServerWebExchange exchange, AuthenticationException failure) {
        if (failure instanceof SignInSlowedDown slowed) {
            return ProblemAnswers.write(exchange, ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS,
                    "Too many failed sign-ins for this account from this address, or from this address; "
                            + "try again after the time in Retry-After.").retryAfter(slowed.retryAfterSeconds()));
        }
        String detail;
        if (exchange.getRequest().getHeaders().getFirst("Authorization") != null) {
            detail = failure instanceof DisabledException ? "The account is disabled."
                    : "The credentials were not accepted.";
        } else {
            detail = "Sign in first: HTTP Basic with a kyodo account, or a bearer token from the city's sign-in service.";
        }
        exchange.getResponse().getHeaders().set("WWW-Authenticate", challenge);
        return ProblemAnswers.write(exchange, ProblemDetails.of(CommonProblems.UNAUTHENTICATED, detail));
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange,
                             org.springframework.security.access.AccessDeniedException denied) {
        return ProblemAnswers.write(exchange, ProblemDetails.of(CommonProblems.FORBIDDEN,
                "Your role does not allow this: /api is for staff, /analytics for analysts and administrators."));
    }
}
