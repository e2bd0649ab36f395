package kyodo.ops.console;

import kyodo.command.web.ActingStaff;
import kyodo.kernel.Ward;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ward inbox, the console's first page: the signed-in member's ward; a city-wide member (ADMIN,
 * city staff) chooses one, or sees the whole city.
 */
@Controller
class InboxController {

    private final WardInbox inbox;

    InboxController(WardInbox inbox) {
        this.inbox = inbox;
    }

    @GetMapping(path = "/console", produces = "text/html")
    Mono<Rendering> inbox(@RequestParam(required = false) String ward, ServerWebExchange exchange) {
        return ActingStaff.current().flatMap(actor -> {
            Ward shown = ConsoleView.wardOf(actor, ward);
            return Blocking.read(() -> inbox.of(shown)).flatMap(boxes -> {
                Map<String, Object> model = new HashMap<>();
                model.put("boxes", boxes);
                model.put("ward", shown);
                model.put("wards", actor.cityWide() ? Arrays.asList(Ward.values()) : List.of());
                return ConsoleView.page(exchange, "inbox", "/console", model, HttpStatus.OK);
            });
        });
    }
}
