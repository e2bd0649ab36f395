package kyodo.query.portal.web;

import kyodo.kernel.Ward;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogSearch;
import kyodo.query.audit.DecisionLogSearch.Filter;
import kyodo.query.audit.DecisionLogSearch.NewestFirst;
import kyodo.query.listing.ListParameters;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The decision log's pages: the log newest first with the JSON API's filters (read and refused by
 * the same {@link Filter#read}), which a small script keeps live from {@code /public/decisions/stream};
 * and one entry's page, whose script verifies the entry in the visitor's browser against the latest
 * signed checkpoint (ADR 21). Both read completely without JavaScript.
 */
@Controller
class DecisionPagesController {

    private final DecisionLog log;
    private final DecisionLogSearch search;
    private final SubjectTitles titles;

    DecisionPagesController(DecisionLog log, DecisionLogSearch search, SubjectTitles titles) {
        this.log = log;
        this.search = search;
        this.titles = titles;
    }

    @GetMapping(path = "/decisions", produces = "text/html")
    Mono<Rendering> list(@RequestParam MultiValueMap<String, String> params, ServerWebExchange exchange) {
        return PortalView.read(exchange, "decisions", "decisions", () -> {
            ListParameters in = new ListParameters(params);
            Filter filter = Filter.read(in);
            ListParameters.Paging paging = in.paging();
            in.done();
            // read before the page: the live script asks for what follows, and skips what the page has
            long logSize = log.size();
            NewestFirst page = search.newestFirst(filter, paging);
            Map<String, Object> model = new HashMap<>(filter.asParameters());
            model.put("items", titles.titled(page.items()));
            model.put("logSize", logSize);
            model.put("live", page.page() == 0);
            model.put("refreshUrl", PortalView.withParameter(exchange, "page", "0"));
            model.put("subjectTypes", Filter.SUBJECT_TYPES);
            model.put("kinds", ListParameters.names(DecisionKind.class));
            model.put("outcomes", ListParameters.names(DecisionOutcome.class));
            model.put("wards", Arrays.asList(Ward.values()));
            model.put("wardsByCode", wardsByCode());
            PortalView.pager(model, exchange, page);
            return model;
        });
    }

    @GetMapping(path = "/decisions/{seq}", produces = "text/html")
    Mono<Rendering> decision(@PathVariable String seq, ServerWebExchange exchange) {
        return PortalView.read(exchange, "decision", "decisions", () -> {
            long position = ListParameters.position("seq", seq);
            java.net.URI uri = exchange.getRequest().getURI();
            return Map.of("item", titles.titled(log.entry(position).orElseThrow(() -> new KyodoProblemException(
                            CommonProblems.NOT_FOUND, "The decision log has no entry " + position + "."))),
                    "wardsByCode", wardsByCode(),
                    // where `audit check` reads this log from, as the visitor reached it
                    "siteUrl", uri.getScheme() + "://" + uri.getRawAuthority());
        });
    }

    private static Map<String, Ward> wardsByCode() {
        return Arrays.stream(Ward.values()).collect(Collectors.toMap(Ward::code, Function.identity()));
    }
}
