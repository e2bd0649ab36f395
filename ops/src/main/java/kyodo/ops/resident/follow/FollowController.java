package kyodo.ops.resident.follow;

import kyodo.kernel.follow.FollowKind;
import kyodo.kernel.problem.CommonProblems;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * A resident's follows: "what I follow" with the choice of immediate mail or a daily digest, the page
 * that follows one thing (reached from the portal's pages by a plain link, so the portal keeps no
 * session), and the forms that follow and unfollow. Plain form posts with the session's CSRF token,
 * answered by a redirect (303); a bad kind or id is the resident error page (400, 404).
 */
@Controller
class FollowController {

    private static final String LIST = "/resident/follows";
    private static final Set<String> NOTICES = Set.of("followed", "unfollowed", "mode");

    private final FollowDesk desk;
    private final ResidentDirectory residents;

    FollowController(FollowDesk desk, ResidentDirectory residents) {
        this.desk = desk;
        this.residents = residents;
    }

    @GetMapping(path = LIST, produces = "text/html")
    Mono<Rendering> list(@RequestParam(required = false) String notice, ServerWebExchange exchange) {
        return residents.signedIn().flatMap(account -> Blocking.read(() -> {
            Map<String, Object> model = new HashMap<>();
            model.put("follows", desk.followed(account.subjectId()));
            model.put("mode", desk.mode(account.subjectId()).name());
            model.put("notice", notice != null && NOTICES.contains(notice) ? notice : null);
            return model;
        })).flatMap(model -> ResidentDirectory.page(exchange, "follows", LIST, model, HttpStatus.OK));
    }

    @GetMapping(path = LIST + "/new", produces = "text/html")
    Mono<Rendering> followPage(@RequestParam(required = false) String kind, @RequestParam(required = false) String id,
                               ServerWebExchange exchange) {
        return residents.signedIn().flatMap(account -> Blocking.read(() -> {
            FollowDesk.Target target = desk.target(kind, id);
            return Map.<String, Object>of("target", target, "following", desk.follows(account.subjectId(), target),
                    "page", target.page());
        })).flatMap(model -> ResidentDirectory.page(exchange, "follow", LIST + "/new?kind="
                + FollowKind.fromName(kind).map(FollowKind::slug).orElse("") + "&id=" + encode(id), model, HttpStatus.OK));
    }

    @PostMapping(path = LIST, produces = "text/html")
    Mono<Rendering> follow(ServerWebExchange exchange) {
        return Mono.zip(ResidentDirectory.form(exchange), residents.signedIn()).flatMap(read -> Blocking.read(() -> {
            desk.follow(read.getT2().subjectId(), desk.target(read.getT1().get("kind"), read.getT1().get("id")));
            return redirect(LIST + "?notice=followed");
        }));
    }

    @PostMapping(path = LIST + "/end", produces = "text/html")
    Mono<Rendering> unfollow(ServerWebExchange exchange) {
        return Mono.zip(ResidentDirectory.form(exchange), residents.signedIn()).flatMap(read -> Blocking.read(() -> {
            FollowKind kind = FollowDesk.kind(read.getT1().get("kind"));
            String id = read.getT1().get("id");
            if (id == null || id.isBlank()) {
                throw new KyodoProblemException(CommonProblems.INVALID_INPUT, "id is missing.");
            }
            desk.unfollow(read.getT2().subjectId(), kind, id);
            return redirect(LIST + "?notice=unfollowed");
        }));
    }

    @PostMapping(path = LIST + "/mode", produces = "text/html")
    Mono<Rendering> mode(ServerWebExchange exchange) {
        return Mono.zip(ResidentDirectory.form(exchange), residents.signedIn()).flatMap(read -> Blocking.read(() -> {
            NotificationMode mode = NotificationMode.fromName(read.getT1().get("mode")).orElseThrow(() ->
                    new KyodoProblemException(CommonProblems.INVALID_INPUT, "mode must be IMMEDIATE or DIGEST."));
            desk.mode(read.getT2().subjectId(), mode);
            return redirect(LIST + "?notice=mode");
        }));
    }

    private static Rendering redirect(String to) {
        return Rendering.redirectTo(to).status(HttpStatus.SEE_OTHER).build();
    }

    private static String encode(String value) {
        return value == null ? "" : URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
