package kyodo.ops.console.admin;

import kyodo.ops.console.ConsoleView;
import kyodo.ops.mail.Outbox;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Map;

/**
 * The ADMIN's list of residents' mail (issue 17): what waits in the durable outbox (queued, or failing
 * with its tries and next try) and what was sent last, so that the embedded demo, which writes
 * {@code .eml} files instead of using a mail server, can be followed from the console. Addresses only
 * masked; only an ADMIN reaches it ({@code /console/admin/**}).
 */
@Controller
class AdminOutboxController {

    private static final String SELF = "/console/admin/outbox";
    private static final int LISTED = 100;

    private final Outbox outbox;

    AdminOutboxController(Outbox outbox) {
        this.outbox = outbox;
    }

    @GetMapping(path = SELF, produces = "text/html")
    Mono<Rendering> list(ServerWebExchange exchange) {
        return Blocking.read(() -> outbox.overview(LISTED)).flatMap(entries ->
                ConsoleView.page(exchange, "admin-outbox", SELF, Map.of("entries", entries), HttpStatus.OK));
    }
}
