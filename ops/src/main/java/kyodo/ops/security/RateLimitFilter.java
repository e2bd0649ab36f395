package kyodo.ops.security;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import kyodo.query.portal.PortalPaths;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;

/**
 * Limits {@code /public} reads that are not signed in, per client address (429 with
 * {@code Retry-After}). It runs after sign-in, so a signed-in caller is not counted and a failed one
 * has already been answered, and it sees the canonical path the {@code HostilePathFilter} put on the
 * exchange before any other filter ran: {@code /%70ublic/proposals} and {@code /public;v=1/proposals}
 * are the same {@code /public/proposals} here as in the router. Failed sign-ins have a throttle of their
 * own ({@link SignInThrottle}).
 */
final class RateLimitFilter implements WebFilter {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final int publicPerMinute;
    private final boolean trustForwardedFor;
    private final EdgeLimits counters;

    RateLimitFilter(SecuritySettings settings, EdgeLimits counters) {
        this.publicPerMinute = settings.rateLimit().publicPerMinute();
        this.trustForwardedFor = settings.trustForwardedFor();
        this.counters = counters;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (publicPerMinute <= 0 || !isPublic(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(RateLimitFilter::signedIn)
                .hasElement()
                .flatMap(signedIn -> signedIn ? chain.filter(exchange) : limited(exchange, chain));
    }

    private Mono<Void> limited(ServerWebExchange exchange, WebFilterChain chain) {
        String key = "public:" + ClientAddress.of(exchange, trustForwardedFor);
        if (!counters.tryAcquire(key, publicPerMinute, MINUTE)) {
            return ProblemAnswers.write(exchange, ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS,
                    "At most " + publicPerMinute + " public requests per minute from one address.")
                    .retryAfter(counters.secondsLeft(key)));
        }
        return chain.filter(exchange);
    }

    /**
     * The public area, segment-wise: {@code /public} and below (not {@code /publicity}), and the
     * portal's pages, which read the same models; not their CSS and images, and not the staff
     * console's pages (signed-in staff, often many behind one ward office's address).
     */
    static boolean isPublic(String canonicalPath) {
        return canonicalPath.equals("/public") || canonicalPath.startsWith("/public/")
                || PortalPaths.isPage(canonicalPath);
    }

    private static boolean signedIn(Authentication authentication) {
        return authentication != null && authentication.isAuthenticated()
                && !(authentication instanceof AnonymousAuthenticationToken);
    }
}
