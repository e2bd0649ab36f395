package kyodo.ops.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

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
        return ConsoleView.wardList(exchange, "inbox", "/console", ward, "boxes", inbox::of);
    }
}
