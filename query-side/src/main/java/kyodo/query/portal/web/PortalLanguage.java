package kyodo.query.portal.web;

import kyodo.query.portal.PortalPaths;
import org.springframework.context.i18n.LocaleContext;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.ResponseCookie;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebExchangeDecorator;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The language of a portal page: Japanese unless the visitor chose English. A visible link adds
 * {@code ?lang=en} (or {@code ja}) to the page, which answers in that language and remembers the
 * choice in a cookie; without a choice, the browser's {@code Accept-Language} decides between the
 * two; anything else is Japanese. Only portal pages are touched: the JSON API keeps its own
 * negotiation (problem details in English or Japanese by {@code Accept-Language}).
 */
final class PortalLanguage implements WebFilter, Ordered {

    static final String COOKIE = "kyodo_lang";
    static final String PARAMETER = "lang";
    static final List<Locale> SUPPORTED = List.of(Locale.JAPANESE, Locale.ENGLISH);

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        if (!PortalPaths.isHtml(exchange.getRequest().getPath().value())) {
            return chain.filter(exchange);
        }
        Optional<Locale> chosen = supported(exchange.getRequest().getQueryParams().getFirst(PARAMETER));
        chosen.ifPresent(locale -> exchange.getResponse().addCookie(ResponseCookie.from(COOKIE, locale.getLanguage())
                .path("/").maxAge(Duration.ofDays(365)).sameSite("Lax").httpOnly(true).build()));
        Locale locale = chosen.or(() -> cookie(exchange)).orElseGet(() -> accepted(exchange));
        LocaleContext context = () -> locale;
        return chain.filter(new ServerWebExchangeDecorator(exchange) {
            @Override
            public LocaleContext getLocaleContext() {
                return context;
            }
        });
    }

    /** Runs late: after the security edge has let the request in. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE - 10;
    }

    private static Optional<Locale> cookie(ServerWebExchange exchange) {
        HttpCookie cookie = exchange.getRequest().getCookies().getFirst(COOKIE);
        return cookie == null ? Optional.empty() : supported(cookie.getValue());
    }

    /** The first of Japanese and English the browser names, by its preference; Japanese otherwise. */
    private static Locale accepted(ServerWebExchange exchange) {
        List<Locale.LanguageRange> ranges;
        try {
            ranges = exchange.getRequest().getHeaders().getAcceptLanguage();
        } catch (IllegalArgumentException unreadable) {
            return Locale.JAPANESE;
        }
        Locale match = Locale.lookup(ranges, SUPPORTED);
        return match == null ? Locale.JAPANESE : match;
    }

    private static Optional<Locale> supported(String code) {
        return SUPPORTED.stream().filter(l -> l.getLanguage().equals(code)).findFirst();
    }
}
