package kyodo.command.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.web.ProblemAnswers;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.nio.charset.StandardCharsets;

/**
 * Reads the request path once, before anything else looks at it, and hands every later filter, the
 * security chain, the rate limits and the router the same canonical path. Percent-encoded unreserved
 * characters are decoded ({@code /%70ublic} is {@code /public}), other escapes are kept with upper-case
 * hex, non-ASCII characters are encoded, and {@code ;} path parameters (which the router ignores) are
 * left out. Without this the limits
 * compared the raw path while the router matched the decoded one, so {@code /%70ublic/proposals}
 * reached the public handler without being counted.
 *
 * <p>A path that tries to climb or smuggle separators is answered 404: an encoded slash or backslash,
 * a control character (plain or encoded), or a {@code .} / {@code ..} segment (plain or encoded, with or
 * without path parameters). No kyodo resource has such a path,
 * and refusing them before any handler keeps them away from code that would choke on them (Spring
 * Boot's health endpoint fails with a 500 on {@code /actuator/health/..%2f}). A broken escape
 * ({@code %zz}, a lone {@code %}) is answered 400.
 */
@Component
public class HostilePathFilter implements WebFilter, Ordered {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** What became of a raw path: its canonical form, or why it is refused. */
    public sealed interface Outcome {
    }

    /** @param path the canonical path, still percent-encoded where it must be */
    public record Canonical(String path) implements Outcome {
    }

    /** A path that climbs, smuggles a separator or a control character: 404. */
    public record Hostile() implements Outcome {
    }

    /** A path with a broken percent-escape: 400. */
    public record Malformed() implements Outcome {
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String raw = exchange.getRequest().getURI().getRawPath();
        if (raw == null || raw.isEmpty()) {
            return chain.filter(exchange);
        }
        Outcome outcome = canonical(raw);
        if (outcome instanceof Hostile) {
            return ProblemAnswers.write(exchange,
                    ProblemDetails.of(CommonProblems.NOT_FOUND, "No such resource."));
        }
        if (outcome instanceof Malformed) {
            return ProblemAnswers.write(exchange, ProblemDetails.of(
                    CommonProblems.MALFORMED_REQUEST, "The path holds a broken percent-encoding."));
        }
        String path = ((Canonical) outcome).path();
        if (path.equals(raw)) {
            return chain.filter(exchange);
        }
        return chain.filter(exchange.mutate().request(request -> request.path(path)).build());
    }

    /**
     * The canonical form of a raw (still encoded) path, or why it is refused. Idempotent: the
     * canonical form of a canonical path is itself.
     */
    public static Outcome canonical(String rawPath) {
        StringBuilder out = new StringBuilder(rawPath.length());
        byte[] bytes = rawPath.getBytes(StandardCharsets.UTF_8);
        boolean parameters = false;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xff;
            if (b == '/') {
                if (!out.isEmpty() && out.charAt(out.length() - 1) == '/') {
                    // an empty segment: no kyodo path has one, and routers disagree on what it means
                    return new Hostile();
                }
                parameters = false;
                out.append('/');
            } else if (b == '%') {
                if (i + 2 >= bytes.length || hex(bytes[i + 1]) < 0 || hex(bytes[i + 2]) < 0) {
                    return new Malformed();
                }
                b = hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]);
                i += 2;
                if (smuggles(b) || b == '/') {
                    return new Hostile();
                }
                if (parameters) {
                    continue;
                }
                if (unreserved(b)) {
                    out.append((char) b);
                } else {
                    escape(out, b);
                }
            } else if (smuggles(b)) {
                return new Hostile();
            } else if (b == ';') {
                // a path parameter: the router ignores it, so the canonical path leaves it out
                parameters = true;
            } else if (parameters) {
                continue;
            } else if (b >= 0x80) {
                escape(out, b);
            } else {
                out.append((char) b);
            }
        }
        String path = out.toString();
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return new Hostile();
            }
        }
        return new Canonical(path);
    }

    /** A control character or a backslash: never part of a kyodo path, plain or encoded. */
    private static boolean smuggles(int b) {
        return b < 0x20 || b == 0x7f || b == '\\';
    }

    /** RFC 3986 unreserved characters: an escape of one of these means the same as the character. */
    private static boolean unreserved(int b) {
        return (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    private static void escape(StringBuilder out, int b) {
        out.append('%').append(HEX[b >> 4]).append(HEX[b & 0xf]);
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    /** Whether the raw (still encoded) path climbs or smuggles separators. */
    static boolean hostile(String rawPath) {
        return canonical(rawPath) instanceof Hostile;
    }

    @Override
    public int getOrder() {
        // first of all filters: everything after it sees the canonical path
        return Ordered.HIGHEST_PRECEDENCE;
    }
}
