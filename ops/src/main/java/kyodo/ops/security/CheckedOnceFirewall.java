package kyodo.ops.security;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Spring Security's strict firewall, with each header it checks checked once per request instead of
 * at every read. The strict firewall checks a header's name and value with a regular expression
 * whenever it is read, and its exchange makes a new request and a new header map at every
 * {@code getRequest()} and {@code getHeaders()}. The route lookup reads {@code Content-Type},
 * {@code Content-Length} and {@code Origin} for every {@code POST} mapping it compares, so a command
 * paid for dozens of checks of the same three values (issue 13, the request path).
 *
 * <p>What is refused is unchanged: the same checks run on the same reads, the first read of a name
 * and a refusal is never remembered (it is thrown again at the next read), and what the strict
 * firewall reads without checking (e.g. {@code containsKey}) stays unchecked. The exchange's
 * {@code mutate()} is the strict firewall's, as before.
 */
final class CheckedOnceFirewall implements ServerWebExchangeFirewall {

    private final ServerWebExchangeFirewall strict = new StrictServerWebExchangeFirewall();

    @Override
    public Mono<ServerWebExchange> getFirewalledExchange(ServerWebExchange exchange) {
        return strict.getFirewalledExchange(exchange).map(CheckedExchange::new);
    }

    private static final class CheckedExchange extends ServerWebExchangeDecorator {

        private final ServerHttpRequest request;

        CheckedExchange(ServerWebExchange firewalled) {
            super(firewalled);
            this.request = new CheckedRequest(firewalled.getRequest());
        }

        @Override
        public ServerHttpRequest getRequest() {
            return request;
        }
    }

    private static final class CheckedRequest extends ServerHttpRequestDecorator {

        private final HttpHeaders headers;
        private volatile MultiValueMap<String, String> queryParams;

        CheckedRequest(ServerHttpRequest firewalled) {
            super(firewalled);
            this.headers = new CheckedHeaders(firewalled.getHeaders());
        }

        @Override
        public HttpHeaders getHeaders() {
            return headers;
        }

        @Override
        public MultiValueMap<String, String> getQueryParams() {
            MultiValueMap<String, String> checked = queryParams;
            if (checked == null) {
                checked = getDelegate().getQueryParams(); // checks every parameter, or throws
                queryParams = checked;
            }
            return checked;
        }

        @Override
        public Builder mutate() {
            return getDelegate().mutate();
        }
    }

    /**
     * The strict firewall's headers, each name's checked answer kept once given. The same map
     * underneath (as the strict firewall's headers share the request's), so what they do not check
     * is read as before.
     */
    private static final class CheckedHeaders extends HttpHeaders {

        private final HttpHeaders strict;
        private final Map<String, Optional<String>> firsts = new ConcurrentHashMap<>();
        private final Map<String, Optional<List<String>>> alls = new ConcurrentHashMap<>();

        CheckedHeaders(HttpHeaders strict) {
            super(strict);
            this.strict = strict;
        }

        @Override
        public String getFirst(String name) {
            String key = name.toLowerCase(Locale.ROOT);
            Optional<String> known = firsts.get(key);
            if (known == null) {
                known = Optional.ofNullable(strict.getFirst(name)); // checks, or throws
                firsts.put(key, known);
            }
            return known.orElse(null);
        }

        @Override
        public List<String> get(Object name) {
            if (!(name instanceof String text)) {
                return strict.get(name);
            }
            String key = text.toLowerCase(Locale.ROOT);
            Optional<List<String>> known = alls.get(key);
            if (known == null) {
                known = Optional.ofNullable(strict.get(name)); // checks, or throws
                alls.put(key, known);
            }
            return known.orElse(null);
        }

        @Override
        public Set<String> keySet() {
            return strict.keySet();
        }
    }
}
