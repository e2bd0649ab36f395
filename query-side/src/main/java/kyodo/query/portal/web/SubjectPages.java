package kyodo.query.portal.web;

import kyodo.kernel.decision.SubjectType;
import kyodo.query.history.HistoryEntry;
import kyodo.query.history.SubjectHistory;
import kyodo.query.history.SubjectHistory.PastView;
import kyodo.query.portal.AsOf;
import kyodo.query.portal.PastFacts;
import kyodo.query.portal.ResidentArea;
import kyodo.query.web.ReadAfterWrite;
import org.bson.Document;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.result.view.Rendering;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * What every subject page (proposal, meeting, project) adds from the event store: its public history,
 * each event described with its time (what {@code /public/history/{type}/{id}} answers), and, with
 * {@code ?asOf=}, the subject as it stood at that moment instead of now (the history's replay).
 */
@Component
class SubjectPages {

    private final SubjectHistory history;
    private final RenderedParts parts;
    private final ReadAfterWrite reads;
    /** Whether the residents' pages are served here ({@link ResidentArea}): the page then links to "follow". */
    private final boolean residentLinks;

    SubjectPages(SubjectHistory history, RenderedParts parts, ReadAfterWrite reads,
                 ObjectProvider<ResidentArea> residentArea) {
        this.history = history;
        this.parts = parts;
        this.reads = reads;
        this.residentLinks = residentArea.getIfAvailable() != null;
    }

    /**
     * Which subject a page shows and how: its type, its template and navigation section, the fragment
     * of {@code rendered.html} that renders its content once per content and language
     * ({@link RenderedParts}; null when the template renders it), and the 404's words.
     */
    record Subject(SubjectType type, String template, String section, String mainPart, String notFound) {
    }

    /**
     * One event of the history as a page lists it.
     *
     * @param asOf  the link's {@code ?asOf=} value: the subject as it stood right after this event
     * @param later whether the event came after the moment the page shows
     */
    record Step(Instant at, String descriptionJa, String descriptionEn, String asOf, boolean later) {
    }

    /**
     * The subject's page as it is now: its document found by {@code lookup} (the same public read the
     * JSON API answers; an unknown id is the 404 page), shown by {@code model}, with its history; or,
     * when {@code asOf} is given and not blank, the page of the subject as it stood then.
     */
    Mono<Rendering> show(ServerWebExchange exchange, Subject subject, String id, String asOf,
                         Callable<Optional<Document>> lookup, Function<Document, Map<String, ?>> model) {
        if (asOf != null && !asOf.isBlank()) {
            return past(exchange, subject.type(), id, asOf, subject.section());
        }
        Mono<List<Step>> steps = Mono.fromCallable(() -> steps(history.history(subject.type(), id).events(), null))
                .subscribeOn(Schedulers.boundedElastic());
        return reads.readDocument(id, lookup, null, subject.notFound()).map(model).zipWith(steps, (now, events) -> {
            Map<String, Object> page = new HashMap<>(now);
            page.put("history", events);
            page.put("asOfValue", "");
            page.put("subjectPath", path(exchange));
            page.put("residentLinks", residentLinks);
            if (subject.mainPart() != null) {
                page.put("mainPart", parts.main(exchange, subject.mainPart(), page));
            }
            return PortalView.page(exchange, subject.template(), subject.section(), page);
        });
    }

    /** The page of the subject at a moment; a bad moment is the 400 page, an unknown subject the 404 page. */
    private Mono<Rendering> past(ServerWebExchange exchange, SubjectType type, String id, String asOf,
                                 String section) {
        return PortalView.read(exchange, "past", section, () -> {
            Instant at = AsOf.parse(asOf);
            PastView past = history.past(type, id, at);
            Map<String, Object> state = past.state().map(s -> s.state()).orElse(Map.of());
            List<HistoryEntry> events = past.history().events();
            Map<String, Object> model = new HashMap<>();
            model.put("subjectType", type.code());
            model.put("subjectTitle", state.get("title") == null ? "" : state.get("title"));
            model.put("existed", past.state().isPresent());
            model.put("firstAt", events.get(0).at());
            model.put("asOf", at);
            model.put("asOfValue", AsOf.input(at));
            model.put("facts", PastFacts.of(type, state));
            model.put("history", steps(events, at));
            model.put("subjectPath", path(exchange));
            return model;
        });
    }

    private static List<Step> steps(List<HistoryEntry> events, Instant asOf) {
        return events.stream().map(e -> new Step(e.at(), e.descriptionJa(), e.descriptionEn(), AsOf.format(e.at()),
                asOf != null && e.at().isAfter(asOf))).toList();
    }

    /** The subject page's own path (without a query), for the form and the link back to now. */
    private static String path(ServerWebExchange exchange) {
        return exchange.getRequest().getPath().value();
    }
}
