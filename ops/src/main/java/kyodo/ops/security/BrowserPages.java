package kyodo.ops.security;

import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.query.portal.PortalFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A page of a browser area with a session (the staff console, residents' pages) ready to render: its
 * template, its model, and what every such layout needs (the language and the link to the other one, the
 * portal's formatter, the signed-in principal as {@code me}, and the session's CSRF token, which every
 * form carries).
 */
public final class BrowserPages {

    /** The query parameter that chooses the language (the portal's, which the language filter reads). */
    private static final String LANG = "lang";

    private BrowserPages() {
    }

    /**
     * @param view      the template's name
     * @param self      the page's own GET path, for the language switch (a form's answer is rendered at its POST path)
     * @param principal the type of the area's signed-in principal; anyone else is nobody here
     */
    public static Mono<Rendering> page(ServerWebExchange exchange, String view, String self, Class<?> principal,
                                       Map<String, ?> model, HttpStatus status) {
        Locale locale = exchange.getLocaleContext().getLocale();
        String lang = locale == null ? "ja" : locale.getLanguage();
        String other = "en".equals(lang) ? "ja" : "en";
        Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return Mono.zip(csrf.map(Optional::of).defaultIfEmpty(Optional.empty()), signedIn(principal))
                .map(found -> Rendering.view(view)
                        .model(model)
                        .modelAttribute("fmt", new PortalFormat(locale == null ? Locale.JAPANESE : locale))
                        .modelAttribute("lang", lang)
                        .modelAttribute("otherLang", other)
                        .modelAttribute("switchUrl", switchUrl(exchange, self, other))
                        .modelAttribute("csrf", found.getT1().orElse(null))
                        .modelAttribute("me", found.getT2().orElse(null))
                        .status(status)
                        .build());
    }

    /** The signed-in principal of the given type, if any (a sign-in page has none). */
    public static <P> Mono<Optional<P>> signedIn(Class<P> principal) {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(principal::isInstance)
                .map(found -> Optional.of(principal.cast(found)))
                .defaultIfEmpty(Optional.empty());
    }

    /** A problem as a page shows it: its title in the page's language, its detail, status and slug. */
    public static Map<String, Object> problem(ProblemDetails problem, ServerWebExchange exchange) {
        boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
        Map<String, Object> shown = new HashMap<>();
        shown.put("status", problem.status());
        shown.put("title", english ? problem.titleEn() : problem.titleJa());
        shown.put("detail", problem.detail());
        shown.put("slug", problem.slug());
        return shown;
    }

    /** The same page in the other language, with the page's own query (a form's answer: just its GET path). */
    private static String switchUrl(ServerWebExchange exchange, String self, String other) {
        boolean here = exchange.getRequest().getPath().value().equals(self);
        MultiValueMap<String, String> params = new LinkedMultiValueMap<>(
                here ? exchange.getRequest().getQueryParams() : new LinkedMultiValueMap<>());
        params.remove(LANG);
        params.remove("done");
        return UriComponentsBuilder.fromPath(self).queryParams(params).replaceQueryParam(LANG, other)
                .build().encode().toUriString();
    }
}
