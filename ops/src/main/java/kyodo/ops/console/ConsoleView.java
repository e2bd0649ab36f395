package kyodo.ops.console;

import kyodo.kernel.access.Actor;
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

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A console page ready to render: its template, its model, and what every console page's layout needs
 * (the language and the link to the other one, the portal's formatter, the signed-in member, and the
 * session's CSRF token, which every form carries).
 */
public final class ConsoleView {

    /** The query parameter that chooses the language (the portal's, which the language filter reads). */
    private static final String LANG = "lang";

    private ConsoleView() {
    }

    /**
     * @param self the page's own GET path, for the language switch (a form's answer is rendered at its POST path)
     */
    public static Mono<Rendering> page(ServerWebExchange exchange, String template, String self, Map<String, ?> model,
                                HttpStatus status) {
        Locale locale = exchange.getLocaleContext().getLocale();
        String lang = locale == null ? "ja" : locale.getLanguage();
        String other = "en".equals(lang) ? "ja" : "en";
        Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return Mono.zip(csrf.map(Optional::of).defaultIfEmpty(Optional.empty()), signedIn())
                .map(found -> Rendering.view("console/" + template)
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

    /** The signed-in member, if any (the sign-in page has none). */
    public static Mono<Optional<Actor>> signedIn() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(Actor.class::isInstance)
                .map(principal -> Optional.of((Actor) principal))
                .defaultIfEmpty(Optional.empty());
    }

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
