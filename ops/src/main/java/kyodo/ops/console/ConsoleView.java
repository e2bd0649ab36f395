package kyodo.ops.console;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
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
import java.util.List;
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

    /**
     * The ward a page shows: a ward-scoped member's own (whatever they ask for); a city-wide member's choice,
     * or the whole city (null).
     */
    public static Ward wardOf(Actor actor, String asked) {
        if (!actor.cityWide()) {
            return actor.ward();
        }
        if (asked == null || asked.isEmpty()) {
            return null;
        }
        return Ward.fromCode(asked).orElseThrow(() -> new KyodoProblemException(CommonProblems.INVALID_INPUT,
                "Unknown ward.", List.of(new FieldViolation("ward", "a ward code, e.g. saiwai")), Map.of()));
    }

    /** A refused command as a page shows it: its title in the page's language, the command side's detail, its status. */
    public static Map<String, Object> refusal(ProblemDetails problem, ServerWebExchange exchange) {
        boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
        Map<String, Object> shown = new HashMap<>();
        shown.put("status", problem.status());
        shown.put("title", english ? problem.titleEn() : problem.titleJa());
        shown.put("detail", problem.detail());
        shown.put("slug", problem.slug());
        return shown;
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
