package kyodo.ops.console.admin;

import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemRendering;
import org.springframework.web.server.ServerWebExchange;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the ADMIN pages' forms share: a refusal from the place that decides (the
 * account store, the throttle, the command side) shown on the page: its title in the page's language,
 * and each named field marked, with the page's own words for what that field needs.
 */
final class AdminForms {

    private AdminForms() {
    }

    /** The model of a refused form: which fields were wrong, the refusal's title and detail, its status. */
    static Map<String, Object> refused(KyodoProblemException failure, ServerWebExchange exchange,
                                       Map<String, String> values) {
        ProblemDetails problem = failure.toDetails();
        Map<String, Object> model = new HashMap<>();
        Map<String, String> fields = new LinkedHashMap<>();
        for (FieldViolation violation : problem.errors()) {
            fields.putIfAbsent(violation.field(), violation.message());
        }
        boolean english = ProblemRendering.english(exchange.getLocaleContext().getLocale());
        model.put("fieldErrors", fields);
        model.put("refusal", Map.of("status", problem.status(),
                "title", english ? problem.titleEn() : problem.titleJa(),
                "detail", problem.detail() == null ? "" : problem.detail()));
        model.put("values", values);
        return model;
    }

    /** The model of a page shown without a refusal. */
    static Map<String, Object> fresh(Map<String, String> values) {
        Map<String, Object> model = new HashMap<>();
        model.put("fieldErrors", Map.of());
        model.put("refusal", null);
        model.put("values", values);
        return model;
    }

    /** A form field's value, trimmed; null when left empty. */
    static String field(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** Only the fields a page shows again after a refusal (never a password, never the CSRF token). */
    static Map<String, String> kept(Map<String, String> form, List<String> names) {
        Map<String, String> kept = new HashMap<>();
        names.forEach(name -> {
            String value = form.get(name);
            if (value != null) {
                kept.put(name, value);
            }
        });
        return kept;
    }
}
