package kyodo.ops.resident;

import jakarta.validation.ConstraintViolation;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.security.BrowserPages;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A resident page ready to render ({@code templates/resident/*}): its model plus what every browser area's
 * layout needs ({@link BrowserPages}), the signed-in resident as {@code me}; and the residents' form helpers.
 */
final class ResidentView {

    private ResidentView() {
    }

    static Mono<Rendering> page(ServerWebExchange exchange, String template, String self, Map<String, ?> model,
                                HttpStatus status) {
        return BrowserPages.page(exchange, "resident/" + template, self, ResidentPrincipal.class, model, status);
    }

    /** The signed-in resident, if any. */
    static Mono<Optional<ResidentPrincipal>> signedIn() {
        return BrowserPages.signedIn(ResidentPrincipal.class);
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
