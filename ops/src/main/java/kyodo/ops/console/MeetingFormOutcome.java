package kyodo.ops.console;

import kyodo.kernel.problem.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.server.ServerWebExchange;

import java.util.HashMap;
import java.util.Map;

/**
 * What a failed meeting form leaves on its page: which form, what was typed (shown again), what was
 * wrong with each field, or the command side's refusal with its title in the page's language.
 *
 * @param failed  the form's slug, or null when no form failed
 * @param refusal status, title, detail and slug of the refusal, or null
 */
record MeetingFormOutcome(String failed, Map<String, String> values, Map<String, FormErrors.FieldError> errors,
                          Map<String, Object> refusal) {

    static final MeetingFormOutcome NONE = new MeetingFormOutcome(null, Map.of(), Map.of(), null);

    static MeetingFormOutcome invalid(String form, MultiValueMap<String, String> fields, FormErrors errors) {
        return new MeetingFormOutcome(form, fields.toSingleValueMap(), errors.byField(), null);
    }

    static MeetingFormOutcome refused(String form, MultiValueMap<String, String> fields, ProblemDetails problem,
                                      ServerWebExchange exchange) {
        return new MeetingFormOutcome(form, fields.toSingleValueMap(), Map.of(),
                ConsoleView.refusal(problem, exchange));
    }

    /** Whether the refusal is a stale form: the meeting is past its version, so the page shows at least the next. */
    static boolean stale(ProblemDetails problem) {
        return problem.status() == HttpStatus.PRECONDITION_FAILED.value();
    }

    /** The model entries a page's forms and notices read. */
    Map<String, Object> model() {
        Map<String, Object> model = new HashMap<>();
        model.put("failed", failed);
        model.put("values", values);
        model.put("errors", errors);
        model.put("refusal", refusal);
        return model;
    }
}
