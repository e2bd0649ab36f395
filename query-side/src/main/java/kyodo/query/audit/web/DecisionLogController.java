package kyodo.query.audit.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.query.audit.AuditSettings;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogEntry;
import kyodo.query.audit.DecisionLogSearch;
import kyodo.query.audit.Transparency;
import kyodo.query.web.Blocking;
import kyodo.query.web.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The public decision log: pages of entries and a live stream of new ones. */
@RestController
@Tag(name = "transparency")
class DecisionLogController {

    private final Transparency transparency;
    private final DecisionLogSearch search;
    private final Duration heartbeat;

    DecisionLogController(Transparency transparency, DecisionLogSearch search, AuditSettings settings) {
        this.transparency = transparency;
        this.search = search;
        this.heartbeat = settings.stream().heartbeat();
    }

    @Operation(operationId = "listDecisions",
            summary = "Decision-log entries in order, after a given seq, optionally filtered",
            description = "Answers {items, after, limit, logSize}. Each entry carries seq (1, 2, 3 … without gaps), "
                    + "the decision (decisionId, subjectType, subjectId, ward, kind, outcome, reason, decidedByRole, "
                    + "decidedAt, basis), the eventId that recorded it, and the hash chain: hash = hex(SHA-256("
                    + "bytes(prevHash) ‖ RFC 8785 canonical JSON of the entry without prevHash and hash)). Never a "
                    + "staff id. The filters (subjectType, subjectId, kind, outcome, ward) keep the entries whose members equal "
                    + "them; the page then holds the matching entries after ?after, and logSize is still the whole "
                    + "log's. Invalid parameters answer 400 invalid-input naming each.")
    @Parameter(name = "after", in = ParameterIn.QUERY, description = "entries with seq greater than this (default 0)",
            schema = @Schema(type = "integer", minimum = "0"))
    @Parameter(name = "limit", in = ParameterIn.QUERY,
            description = "at most this many entries (1–1000, default 100)",
            schema = @Schema(type = "integer", minimum = "1", maximum = "1000"))
    @Parameter(name = "subjectType", in = ParameterIn.QUERY, description = "only decisions about this kind of subject",
            schema = @Schema(type = "string", allowableValues = {"proposal", "meeting", "project", "ward-budget"}))
    @Parameter(name = "subjectId", in = ParameterIn.QUERY, description = "only decisions about this subject (its id)",
            schema = @Schema(type = "string", maxLength = DecisionLogSearch.SUBJECT_ID_MAX))
    @Parameter(name = "kind", in = ParameterIn.QUERY, description = "only this kind of decision",
            schema = @Schema(implementation = DecisionKind.class))
    @Parameter(name = "outcome", in = ParameterIn.QUERY, description = "only this outcome",
            schema = @Schema(implementation = DecisionOutcome.class))
    @Parameter(name = "ward", in = ParameterIn.QUERY,
            description = "only decisions about subjects of this ward (its code, e.g. saiwai); city-wide ones have none",
            schema = @Schema(type = "string"))
    @GetMapping(path = "/public/decisions", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<DecisionPage> list(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return Blocking.read(() -> {
            AuditParameters read = new AuditParameters(params);
            DecisionLogSearch.Filter filter = DecisionLogSearch.Filter.read(read.list());
            AuditParameters.Page page = read.page(DecisionLog.MAX_PAGE);
            List<DecisionLogEntry> items = filter.isEmpty() ? transparency.log().after(page.after(), page.limit())
                    : search.after(filter, page.after(), page.limit());
            long size = Math.max(transparency.log().size(), items.isEmpty() ? 0 : items.get(items.size() - 1).seq());
            return new DecisionPage(items, page.after(), page.limit(), size);
        });
    }

    @Operation(operationId = "streamDecisions",
            summary = "New decision-log entries as they are appended (server-sent events)",
            description = "Each event is named `decision`, has the entry's seq as id and the entry as JSON data. "
                    + "Starts after the Last-Event-ID a reconnecting client sends, else after ?after=N, else at the "
                    + "current end of the log. A comment line is sent as a heartbeat every 15 s.")
    @Parameter(name = "after", in = ParameterIn.QUERY,
            description = "send entries with seq greater than this first (default: only new entries)",
            schema = @Schema(type = "integer", minimum = "0"))
    @GetMapping(path = "/public/decisions/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<DecisionLogEntry>> stream(
            @Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
            @Parameter(description = "seq of the last entry received, sent by reconnecting clients")
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId) {
        return Blocking.read(() -> {
                    AuditParameters read = new AuditParameters(params);
                    Long after = read.whole("after", 0, null);
                    Long resumed = lastEventId == null ? null
                            : new AuditParameters(Map.of("Last-Event-ID", List.of(lastEventId)))
                            .whole("Last-Event-ID", 0, null);
                    read.done();
                    // A reconnecting client's Last-Event-ID is newer than the ?after it first connected with.
                    return resumed != null ? resumed : after != null ? after : transparency.log().size();
                })
                .flatMapMany(after -> EventStreams.withHeartbeat("decision log after seq " + after,
                        transparency.follow(after).map(entry -> ServerSentEvent.builder(entry).event("decision")
                                .id(Long.toString(entry.seq())).build()),
                        heartbeat));
    }

    /**
     * A page of the log.
     *
     * @param items   the entries, in order
     * @param after   the seq they follow
     * @param limit   the most a page holds
     * @param logSize entries in the log when read
     */
    record DecisionPage(List<DecisionLogEntry> items, long after, int limit, long logSize) {
    }
}
