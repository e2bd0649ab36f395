package kyodo.ops.resident.follow;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.ops.resident.ResidentDirectory;
import kyodo.query.web.Blocking;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.HashMap;
import java.util.Map;

/**
 * The signed unsubscribe link of every notification, without sign-in. Opening it (GET: mail scanners
 * open links too) only shows a button; the POST, from that button or from the mail program's one-click
 * unsubscribe (RFC 8058: {@code List-Unsubscribe=One-Click}, no cookie, no CSRF token: the signature is
 * what authorises it), ends the follow. A link whose signature does not match changes nothing (400).
 */
@Controller
class UnsubscribeController {

    static final String PATH = "/resident/unsubscribe";

    private final FollowDesk desk;
    private final ResidentDirectory residents;

    UnsubscribeController(FollowDesk desk, ResidentDirectory residents) {
        this.desk = desk;
        this.residents = residents;
    }

    @GetMapping(path = PATH, produces = "text/html")
    Mono<Rendering> confirm(@RequestParam(required = false) String f, @RequestParam(required = false) String s,
                            @RequestParam(required = false) String sig, ServerWebExchange exchange) {
        if (f == null || s == null || !residents.signed(Unsubscribe.signed(f, s), sig)) {
            return Mono.error(new KyodoProblemException(FollowProblems.LINK_INVALID,
                    "The unsubscribe link is not one kyodo sent."));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("done", null);
        model.put("all", NotificationMails.ALL.equals(s));
        model.put("action", exchange.getRequest().getURI().getRawPath() + "?" + exchange.getRequest().getURI().getRawQuery());
        return ResidentDirectory.page(exchange, "unsubscribe", PATH, model, HttpStatus.OK);
    }

    @PostMapping(path = PATH, produces = {"text/html", "*/*"})
    Mono<Rendering> unsubscribe(@RequestParam(required = false) String f, @RequestParam(required = false) String s,
                                @RequestParam(required = false) String sig, ServerWebExchange exchange) {
        return Blocking.read(() -> desk.unsubscribe(f, s, sig)).flatMap(ended -> {
            Map<String, Object> model = new HashMap<>();
            model.put("done", ended);
            model.put("all", NotificationMails.ALL.equals(s));
            model.put("action", null);
            return ResidentDirectory.page(exchange, "unsubscribe", PATH, model, HttpStatus.OK);
        });
    }
}
