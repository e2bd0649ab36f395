package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import kyodo.query.listing.ListPage;
import kyodo.query.listing.ListParameters;
import kyodo.query.portal.PortalFormat;
import org.springframework.http.HttpStatus;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * A portal page ready to render: its template, its model, and what every page's layout needs (the
 * language, the link to the same page in the other language, the formatter, the current section of
 * the navigation).
 */
final class PortalView {

    private PortalView() {
    }

    /** The page with status 200. */
    static Rendering page(ServerWebExchange exchange, String template, String section, Map<String, ?> model) {
        return page(exchange, template, section, model, HttpStatus.OK);
    }

    static Rendering page(ServerWebExchange exchange, String template, String section, Map<String, ?> model,
                          HttpStatus status) {
        Locale locale = locale(exchange);
        String lang = locale.getLanguage();
        String other = "en".equals(lang) ? "ja" : "en";
        return Rendering.view("portal/" + template)
                .model(model)
                .modelAttribute("fmt", new PortalFormat(locale))
                .modelAttribute("lang", lang)
                .modelAttribute("otherLang", other)
                .modelAttribute("switchUrl", withParameter(exchange, PortalLanguage.PARAMETER, other))
                .modelAttribute("section", section)
                .status(status)
                .build();
    }

    /** The page's language ({@link PortalLanguage}); Japanese when none was set. */
    static Locale locale(ServerWebExchange exchange) {
        Locale locale = exchange.getLocaleContext().getLocale();
        return locale == null ? Locale.JAPANESE : locale;
    }

    /**
     * The page whose model is read by blocking calls (a list's parse and store read), off the event
     * loop; a refusal thrown by {@code model} becomes the error page ({@link PortalErrors}).
     */
    static Mono<Rendering> read(ServerWebExchange exchange, String template, String section,
                                Callable<Map<String, ?>> model) {
        return Mono.fromCallable(model).subscribeOn(Schedulers.boundedElastic())
                .map(read -> page(exchange, template, section, read));
    }

    /** This page's URL with one query parameter set (others kept), e.g. the other language or page. */
    static String withParameter(ServerWebExchange exchange, String name, String value) {
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>(exchange.getRequest().getQueryParams());
        params.remove(PortalLanguage.PARAMETER);
        return UriComponentsBuilder.fromPath(exchange.getRequest().getPath().value()).queryParams(params)
                .replaceQueryParam(name, value).build().encode().toUriString();
    }

    /**
     * A list page's model with what every list's filter form shows alike: the words, the ward and the
     * fiscal year asked for (empty when not given), and the wards to choose from.
     */
    static Map<String, Object> listFilters(String q, Ward ward, Integer fiscalYear) {
        Map<String, Object> model = new HashMap<>();
        model.put("q", shown(q));
        model.put("ward", ward == null ? "" : ward.code());
        model.put("fiscalYear", shown(fiscalYear));
        model.put("wards", Arrays.asList(Ward.values()));
        return model;
    }

    /**
     * A list's page into the model ({@code page}) with what its pager and count line need: how many
     * pages, which items this page shows (1-based, 0 when none match), and the links to the pages
     * before and after.
     */
    static void pager(Map<String, Object> model, ServerWebExchange exchange, ListPage<?> shown) {
        int page = shown.page();
        int size = shown.size();
        long total = shown.total();
        long pages = Math.max(1, (total + size - 1) / size);
        model.put("page", shown);
        model.put("pages", pages);
        model.put("first", total == 0 ? 0 : (long) page * size + 1);
        model.put("last", Math.min(total, (long) page * size + shown.items().size()));
        model.put("previousUrl", page > 0 ? withParameter(exchange, "page", Integer.toString(page - 1)) : null);
        model.put("nextUrl", page + 1 < pages ? withParameter(exchange, "page", Integer.toString(page + 1)) : null);
    }

    /**
     * A named-choice filter of a list's form into the model: the name chosen under {@code field} (empty
     * when none was), and the names to choose from under {@code options}.
     */
    static <E extends Enum<E>> void choice(Map<String, Object> model, String field, E chosen, String options,
                                           Class<E> names) {
        model.put(field, shown(chosen == null ? null : chosen.name()));
        model.put(options, ListParameters.names(names));
    }

    /** A filter's value as its form field shows it: empty when none was given. */
    static String shown(Object value) {
        return value == null ? "" : value.toString();
    }
}
