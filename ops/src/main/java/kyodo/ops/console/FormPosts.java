package kyodo.ops.console;

import kyodo.command.sending.BusProblems;
import kyodo.kernel.problem.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.function.Function;

/**
 * How a console form's command ends (ADR 23): sent, it redirects (303) to the page that shows the change,
 * at the version the command answered (read your own writes), so a reload never sends it again; refused
 * by the command side (403, 409, 412), the page is rendered again as it stands now, with the refusal.
 */
public final class FormPosts {

    private FormPosts() {
    }

    /** What a failed form leaves on the page: which form, what was typed, what was wrong, or the refusal. */
    public record Outcome(String form, Map<String, String> values, Map<String, ?> errors, ProblemDetails refusal) {

        public static Outcome invalid(String form, Map<String, String> values, Map<String, ?> errors) {
            return new Outcome(form, values, errors, null);
        }
    }

    /**
     * @param sent      the command on its way; its answer is the subject's new version (or the new id)
     * @param redirect  where the change shows, given that answer
     * @param refused   the page again with the refusal; a stale form (412) asks the page to wait for the newer version
     */
    public static <T> Mono<Rendering> answer(Mono<T> sent, Function<T, String> redirect,
                                      Function<ProblemDetails, Mono<Rendering>> refused) {
        return sent.map(answered -> Rendering.redirectTo(redirect.apply(answered)).status(HttpStatus.SEE_OTHER).build())
                .onErrorResume(failure -> BusProblems.of(failure).isPresent(),
                        failure -> refused.apply(BusProblems.of(failure).orElseThrow()));
    }

    /**
     * What the page's forms need to show a failed one: which form failed ({@code failed}), what was typed
     * ({@code values}), each field's error ({@code errors}) and the refusal in the page's language ({@code refusal}).
     */
    public static void describe(Map<String, Object> model, Outcome outcome, ServerWebExchange exchange) {
        model.put("failed", outcome == null ? null : outcome.form());
        model.put("values", outcome == null ? Map.of() : outcome.values());
        model.put("errors", outcome == null ? Map.of() : outcome.errors());
        model.put("refusal", outcome == null || outcome.refusal() == null ? null
                : ConsoleView.refusal(outcome.refusal(), exchange));
    }

    /** A text field as the JSON API gets it: absent when left empty (an optional field stays unset). */
    public static String text(Map<String, String> form, String name) {
        String value = form.get(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** The version a page shown after a refusal waits for: past the form's own when someone else changed it. */
    public static Long atLeastAfter(ProblemDetails refusal, String formVersion) {
        return refusal.status() == HttpStatus.PRECONDITION_FAILED.value() && formVersion != null
                ? Long.parseLong(formVersion) + 1 : null;
    }
}
