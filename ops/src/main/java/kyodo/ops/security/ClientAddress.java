package kyodo.ops.security;

import org.springframework.web.server.ServerWebExchange;

import java.net.InetSocketAddress;
import java.util.regex.Pattern;

/**
 * The address a request came from, as the limits count it: the socket's peer, or, with
 * {@code kyodo.security.trust-forwarded-for}, the last {@code X-Forwarded-For} entry, which is the one
 * the proxy in front of kyodo added (the entries before it are whatever the client sent, so trusting
 * the first would let anyone pick a fresh address per request). A value that is not an IP literal is
 * ignored.
 */
public final class ClientAddress {

    static final String UNKNOWN = "unknown";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private ClientAddress() {
    }

    public static String of(ServerWebExchange exchange, boolean trustForwardedFor) {
        if (trustForwardedFor) {
            String forwarded = forwardedFor(exchange);
            if (forwarded != null) {
                return forwarded;
            }
        }
        InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
        return remote == null || remote.getAddress() == null ? UNKNOWN : remote.getAddress().getHostAddress();
    }

    private static String forwardedFor(ServerWebExchange exchange) {
        var values = exchange.getRequest().getHeaders().get("X-Forwarded-For");
        if (values == null || values.isEmpty()) {
            return null;
        }
        String last = values.get(values.size() - 1);
        int comma = last.lastIndexOf(',');
        String candidate = (comma < 0 ? last : last.substring(comma + 1)).strip();
        return isIpLiteral(candidate) ? candidate : null;
    }

    /** Whether a value looks like an IPv4 or IPv6 literal (as the admin API accepts it too). */
    static boolean isIpLiteral(String value) {
        return value != null && (IP_LITERAL.matcher(value).matches() || UNKNOWN.equals(value));
    }
}
