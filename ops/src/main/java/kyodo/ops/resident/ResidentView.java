package kyodo.ops.resident;

import jakarta.validation.ConstraintViolation;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.portal.PortalFormat;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resident page ready to render ({@code templates/resident/*}): its model plus what the layout needs
 * (language and the switch to the other one, the portal's formatter, whether someone is signed in, the
 * session's CSRF token, which every form carries).
 */
final class ResidentView {

    private ResidentView() {
    }

    static Mono<Rendering> page(ServerWebExchange exchange, String template, String self, Map<String, ?> model,
                                HttpStatus status) {
        Locale locale = exchange.getLocaleContext().getLocale();
        String lang = locale == null ? "ja" : locale.getLanguage();
        String other = "en".equals(lang) ? "ja" : "en";
        Mono<CsrfToken> csrf = exchange.getAttributeOrDefault(CsrfToken.class.getName(), Mono.empty());
        return Mono.zip(csrf.map(Optional::of).defaultIfEmpty(Optional.empty()), signedIn())
                .map(found -> Rendering.view("resident/" + template)
                        .model(model)
                        .modelAttribute("fmt", new PortalFormat(locale == null ? Locale.JAPANESE : locale))
                        .modelAttribute("lang", lang)
                        .modelAttribute("otherLang", other)
                        .modelAttribute("switchUrl", self + (self.contains("?") ? "&" : "?") + "lang=" + other)
                        .modelAttribute("csrf", found.getT1().orElse(null))
                        .modelAttribute("signedIn", found.getT2().isPresent())
                        .status(status)
                        .build());
    }

    /** The signed-in resident, if any. */
    static Mono<Optional<ResidentPrincipal>> signedIn() {
        return ReactiveSecurityContextHolder.getContext()
                .map(SecurityContext::getAuthentication)
                .filter(Authentication::isAuthenticated)
                .map(Authentication::getPrincipal)
                .filter(ResidentPrincipal.class::isInstance)
                .map(principal -> Optional.of((ResidentPrincipal) principal))
                .defaultIfEmpty(Optional.empty());
    }

    /** The signed-in resident's account id; the chain lets no one else in, so none is a 401. */
    static Mono<String> accountId() {
        return signedIn().map(found -> found.map(ResidentPrincipal::accountId).orElseThrow(() ->
                new KyodoProblemException(CommonProblems.UNAUTHENTICATED, "Sign in first.")));
    }

    /** A form's values in a map, the first of each. */
    static Mono<Map<String, String>> form(ServerWebExchange exchange) {
        return exchange.getFormData().map(data -> data.toSingleValueMap());
    }

    /** Each field's first broken constraint, by name (the page words it: {@code resident.invalid.<name>}). */
    static Map<String, String> errors(Set<? extends ConstraintViolation<?>> violations) {
        Map<String, String> errors = new LinkedHashMap<>();
        violations.stream().sorted(java.util.Comparator.comparing(v -> v.getPropertyPath().toString()))
                .forEach(v -> errors.putIfAbsent(v.getPropertyPath().toString(),
                        v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName()));
        return errors;
    }
}
