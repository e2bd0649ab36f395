package kyodo.ops.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.command.web.CommandProblemHandler;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * Pushes back before any work is done: anonymous {@code /public} reads are limited per client
 * address, and after too many failed password sign-ins for an account id (or, with a higher limit,
 * from an address), further sign-ins for it or from there are refused until the window has passed (429 with
 * {@code Retry-After}), so passwords can't be guessed at speed.
 */
final class RateLimitFilter implements WebFilter {

    private static final Duration MINUTE = Duration.ofMinutes(1);

    private final SecuritySettings.RateLimit limits;
    private final boolean trustForwardedFor;
    private final EdgeLimits counters;
    private final ObjectMapper mapper;

    RateLimitFilter(SecuritySettings settings, EdgeLimits counters, ObjectMapper mapper) {
        this.limits = settings.rateLimit();
        this.trustForwardedFor = settings.trustForwardedFor();
        this.counters = counters;
        this.mapper = mapper;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        String client = clientAddress(exchange);
        if (isBasic(authorization)) {
            String ipKey = "fail-ip:" + client;
            String userKey = "fail-user:" + basicUsername(authorization);
            if (counters.current(ipKey) >= limits.signInFailuresPerAddress()) {
                return tooMany(exchange, counters.secondsLeft(ipKey),
                        "Too many failed sign-ins from this address.");
            }
            if (counters.current(userKey) >= limits.signInFailures()) {
                return tooMany(exchange, counters.secondsLeft(userKey),
                        "Too many failed sign-ins for this account.");
            }
        } else if (limits.publicPerMinute() > 0 && exchange.getRequest().getPath().value().startsWith("/public")) {
            String key = "public:" + client;
            if (!counters.tryAcquire(key, limits.publicPerMinute(), MINUTE)) {
                return tooMany(exchange, counters.secondsLeft(key),
                        "At most " + limits.publicPerMinute() + " public requests per minute from one address.");
            }
        }
        return chain.filter(exchange);
    }

    private Mono<Void> tooMany(ServerWebExchange exchange, long retryAfterSeconds, String detail) {
        exchange.getResponse().getHeaders().set("Retry-After", Long.toString(retryAfterSeconds));
        return CommandProblemHandler.ProblemWriter.write(exchange,
                ProblemDetails.of(CommonProblems.TOO_MANY_REQUESTS, detail), mapper);
    }

    /**
     * Counts a failed password sign-in against the client's address and the account id it named. A
     * refused bearer token is not counted: it can't be guessed, and its owner is the provider's to lock.
     */
    void failedSignIn(ServerWebExchange exchange) {
        String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
        if (isBasic(authorization)) {
            counters.count("fail-ip:" + clientAddress(exchange), limits.signInFailureWindow());
            counters.count("fail-user:" + basicUsername(authorization), limits.signInFailureWindow());
        }
    }

    private static boolean isBasic(String authorization) {
        return authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
    }

    private String clientAddress(ServerWebExchange exchange) {
        if (trustForwardedFor) {
            String forwarded = exchange.getRequest().getHeaders().getFirst("X-Forwarded-For");
            if (forwarded != null && !forwarded.isBlank()) {
                return forwarded.split(",")[0].strip();
            }
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? "unknown" : remote.getAddress().getHostAddress();
    }

    /** The account id of a Basic header (bounded in length). */
    private static String basicUsername(String authorization) {
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            String user = colon < 0 ? decoded : decoded.substring(0, colon);
            return user.length() > 64 ? user.substring(0, 64) : user;
        } catch (IllegalArgumentException notBase64) {
            return "(malformed)";
        }
    }
}
