package kyodo.ops.console;

import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.ops.security.BrowserPages;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * A console page ready to render ({@code templates/console/*}): its model plus what every browser area's
 * layout needs ({@link BrowserPages}), the signed-in member as {@code me}; and the console's own rules of a page.
 */
public final class ConsoleView {

    private ConsoleView() {
    }

    /**
     * @param self the page's own GET path, for the language switch (a form's answer is rendered at its POST path)
     */
    public static Mono<Rendering> page(ServerWebExchange exchange, String template, String self, Map<String, ?> model,
                                       HttpStatus status) {
        return BrowserPages.page(exchange, "console/" + template, self, Actor.class, model, status);
    }

    /** The signed-in member, if any (the sign-in page has none). */
    public static Mono<Optional<Actor>> signedIn() {
        return BrowserPages.signedIn(Actor.class);
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

    /** The wards a member may choose among on a page: every one for a city-wide member, none for a ward's. */
    public static List<Ward> choosableWards(Actor actor) {
        return actor.cityWide() ? Arrays.asList(Ward.values()) : List.of();
    }

    /**
     * A list page of one ward ({@link #wardOf}, the whole city for a city-wide member who chose none): what
     * {@code read} finds there, under {@code key}, with the ward shown and the wards to choose from.
     *
     * @param asked the {@code ward} the page was asked for, or null
     */
    public static Mono<Rendering> wardList(ServerWebExchange exchange, String template, String self, String asked,
                                           String key, Function<Ward, ?> read) {
        return wardList(exchange, template, self, asked, key, read, Map.of());
    }

    /** As {@link #wardList(ServerWebExchange, String, String, String, String, Function)}, with more of the model. */
    public static Mono<Rendering> wardList(ServerWebExchange exchange, String template, String self, String asked,
                                           String key, Function<Ward, ?> read, Map<String, ?> more) {
        return ActingStaff.current().flatMap(actor -> {
            Ward shown = wardOf(actor, asked);
            return Blocking.read(() -> read.apply(shown)).flatMap(found -> {
                Map<String, Object> model = new HashMap<>();
                model.put(key, found);
                model.put("ward", shown);
                model.put("wards", choosableWards(actor));
                model.putAll(more);
                return page(exchange, template, self, model, HttpStatus.OK);
            });
        });
    }

    /** A refused command as a page shows it: its title in the page's language, the command side's detail, its status. */
    public static Map<String, Object> refusal(ProblemDetails problem, ServerWebExchange exchange) {
        return BrowserPages.problem(problem, exchange);
    }
}
