package kyodo.ops.console;

import jakarta.validation.Validator;
import kyodo.command.sending.AggregateCommands;
import kyodo.command.sending.BusProblems;
import kyodo.command.web.ActingStaff;
import kyodo.command.web.ToAddition;
import kyodo.command.web.ToCommand;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.ProblemDetails;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

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

    /** The page a form was posted from, shown again with the form's outcome (at least at a version, if given). */
    @FunctionalInterface
    public interface Page {
        Mono<Rendering> show(Long minVersion, Outcome outcome, HttpStatus status);
    }

    /** A form's fields and the signed-in member, read together: what every form post starts from. */
    public static Mono<Rendering> read(ServerWebExchange exchange,
                                       BiFunction<MultiValueMap<String, String>, Actor, Mono<Rendering>> handle) {
        return Mono.zip(exchange.getFormData(), ActingStaff.current())
                .flatMap(read -> handle.apply(read.getT1(), read.getT2()));
    }

    /** Sends an action's checked body, conditional on the version the form was rendered from; its answer is the new one. */
    @FunctionalInterface
    public interface Command {
        Mono<Long> send(Actor actor, String ifMatch, Object body);
    }

    /**
     * The command an action's body stands for, the one the JSON API sends for it: a {@link ToCommand}'s own, or
     * a {@link ToAddition}'s with a fresh id for the thing it adds.
     */
    public static AggregateCommands.OnSubject commandOf(Object body) {
        if (body instanceof ToAddition addition) {
            return addition.command().under(AggregateCommands.newId());
        }
        return ((ToCommand) body).command();
    }

    /**
     * An action form on a subject's page: its body read from the fields and checked as the JSON API checks it,
     * then {@link #send sent} at the form's version.
     */
    public static Mono<Rendering> act(ServerWebExchange exchange, String slug, Validator validator,
                                      BiFunction<MultiValueMap<String, String>, FormErrors, Object> bodyOf,
                                      Command command, Function<Long, String> redirect, Function<Actor, Page> page) {
        return read(exchange, (fields, actor) -> {
            Map<String, String> form = fields.toSingleValueMap();
            FormErrors errors = new FormErrors();
            Object body = bodyOf.apply(fields, errors);
            errors.check(body, validator);
            String ifMatch = errors.version(form);
            return send(slug, form, errors, () -> command.send(actor, ifMatch, body), redirect, page.apply(actor));
        });
    }

    /**
     * A checked form's end: with errors, the page again (400), each beside its field; else the command is sent
     * and {@link #answer answered}, a refusal showing the page again at least past the form's version if stale.
     *
     * @param form the form's fields, shown again on failure; its {@code version} is the one the page was rendered at
     */
    public static <T> Mono<Rendering> send(String slug, Map<String, String> form, FormErrors errors,
                                           Supplier<Mono<T>> send, Function<T, String> redirect, Page page) {
        if (!errors.isEmpty()) {
            return page.show(null, Outcome.invalid(slug, form, errors.byField()), HttpStatus.BAD_REQUEST);
        }
        return answer(send.get(), redirect, refusal -> page.show(atLeastAfter(refusal, form.get("version")),
                new Outcome(slug, form, Map.of(), refusal), HttpStatus.valueOf(refusal.status())));
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
