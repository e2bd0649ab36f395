package kyodo.query.analytics.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.analytics.AnalyticsCatalogue;
import kyodo.query.analytics.AnalyticsCsv;
import kyodo.query.analytics.AnalyticsQuery;
import kyodo.query.analytics.AnalyticsRow;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.analytics.ReadModelSchema;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.ContentDisposition;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The analyst read models over HTTP: one endpoint per read model, filtered by its dimensions and
 * grouped by {@code groupBy}, written as JSON, CSV or NDJSON by {@code Accept}; and the schema of
 * them all. Access (ANALYST, ADMIN) is checked by the web filter in front of {@code /analytics/**}.
 */
@RestController
@Tag(name = "analytics")
class AnalyticsController {

    private static final String JSON = MediaType.APPLICATION_JSON_VALUE;
    private static final String CSV = AnalyticsFormat.CSV_VALUE;
    private static final String NDJSON = MediaType.APPLICATION_NDJSON_VALUE;

    private final AnalyticsRows rows;
    private final ObjectMapper mapper;

    AnalyticsController(AnalyticsRows rows, ObjectMapper mapper) {
        this.rows = rows;
        this.mapper = mapper;
    }

    @Operation(operationId = "getAnalyticsSchema", summary = "The schema of every analyst read model",
            description = "Answers {readModels:[{name, path, meaning, processingGroup, collection, dimensions:[{name, "
                    + "type, unit, meaning, values?, multiValued, nullable}], measures:[{name, type, unit, meaning}], "
                    + "defaultGroupBy}]}. The same catalogue validates the filters and groupBy of every endpoint.")
    @GetMapping(path = "/analytics/schema", produces = JSON)
    Mono<Map<String, Object>> schema() {
        return Mono.just(Map.of("readModels", AnalyticsCatalogue.all()));
    }

    @Operation(operationId = "getProposalSummary",
            summary = "Proposals: received, answered, open, overdue, days to answer",
            description = "Dimensions ward, fiscalYear (of submission), theme (multi-valued: a proposal counts under "
                    + "each of its themes), programme, channel; default groupBy ward,fiscalYear. Measures received, "
                    + "acknowledged, decided, accepted, rejected, withdrawn, open, overdue, answeredLate, "
                    + "medianDaysToAnswer, p90DaysToAnswer. " + FORMATS)
    @AnalyticsParameters
    @GetMapping(path = "/analytics/proposals/summary", produces = {JSON, CSV, NDJSON})
    Mono<Void> proposals(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                         ServerWebExchange exchange) {
        return answer(AnalyticsCatalogue.PROPOSALS, params, exchange);
    }

    @Operation(operationId = "getProjectCounts",
            summary = "Collaborative projects: counts, partners by type, agreements, money, targets",
            description = "Dimensions fiscalYear, programme, ward, theme, status; default groupBy fiscalYear. The "
                    + "project count is `count`. Money in whole yen. " + FORMATS)
    @AnalyticsParameters
    @GetMapping(path = "/analytics/projects/counts", produces = {JSON, CSV, NDJSON})
    Mono<Void> projects(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                        ServerWebExchange exchange) {
        return answer(AnalyticsCatalogue.PROJECTS, params, exchange);
    }

    @Operation(operationId = "getBudgetFigures",
            summary = "Ward budgets: envelope, reserved, allocated, returned, spent, utilisation",
            description = "Dimensions ward, fiscalYear; default groupBy ward,fiscalYear. Money in whole yen; "
                    + "utilisation = spentYen ÷ envelopeYen and allocationRate = allocatedYen ÷ envelopeYen of the "
                    + "group's sums, four decimals, null without an envelope. " + FORMATS)
    @AnalyticsParameters
    @GetMapping(path = "/analytics/budgets", produces = {JSON, CSV, NDJSON})
    Mono<Void> budgets(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                       ServerWebExchange exchange) {
        return answer(AnalyticsCatalogue.BUDGETS, params, exchange);
    }

    @Operation(operationId = "getMeetingParticipation",
            summary = "Meetings: held, participation, opinions per theme, resolutions",
            description = "Dimensions kind, ward, district, fiscalYear, theme (multi-valued: the meeting's themes and "
                    + "its opinions' themes; grouped or filtered by theme, opinions count only that theme's); default "
                    + "groupBy kind,ward,fiscalYear. " + FORMATS)
    @AnalyticsParameters
    @GetMapping(path = "/analytics/meetings/participation", produces = {JSON, CSV, NDJSON})
    Mono<Void> meetings(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                        ServerWebExchange exchange) {
        return answer(AnalyticsCatalogue.MEETINGS, params, exchange);
    }

    @Operation(operationId = "getDecisionCounts", summary = "Decisions: counts per kind, outcome, ward and month",
            description = "Dimensions kind, outcome, subjectType, ward, fiscalYear, month (YYYY-MM, Asia/Tokyo); "
                    + "default groupBy kind,outcome,ward,month. " + FORMATS)
    @AnalyticsParameters
    @GetMapping(path = "/analytics/decisions", produces = {JSON, CSV, NDJSON})
    Mono<Void> decisions(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params,
                         ServerWebExchange exchange) {
        return answer(AnalyticsCatalogue.DECISIONS, params, exchange);
    }

    private static final String FORMATS = "Accept: application/json (default) answers {readModel, groupBy, filters, "
            + "rows}; text/csv answers UTF-8 with BOM, a header row, CRLF, RFC 4180 quoting, formula-like text "
            + "prefixed with '; application/x-ndjson streams one row per line. Rows are sorted by the groupBy "
            + "dimensions ascending, nulls first. Bad filters or groupBy answer 400 invalid-input naming each.";

    private Mono<Void> answer(ReadModelSchema model, MultiValueMap<String, String> params,
                              ServerWebExchange exchange) {
        AnalyticsFormat format = AnalyticsFormat.of(exchange.getRequest().getHeaders().getAccept());
        return Mono.fromCallable(() -> AnalyticsQuery.parse(model, params))
                .flatMap(query -> write(query, format, exchange.getResponse()));
    }

    private Mono<Void> write(AnalyticsQuery query, AnalyticsFormat format, ServerHttpResponse response) {
        Flux<AnalyticsRow> found = rows.rows(query);
        response.getHeaders().setContentType(format.contentType);
        return switch (format) {
            case JSON -> found.collectList().flatMap(list -> {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("readModel", query.model().name());
                body.put("groupBy", query.groupBy());
                body.put("filters", query.filters());
                body.put("rows", list);
                return response.writeWith(Mono.fromCallable(() -> buffer(response, json(body))));
            });
            case NDJSON -> response.writeWith(found.map(row -> buffer(response, json(row) + "\n")));
            case CSV -> {
                response.getHeaders().setContentDisposition(ContentDisposition.attachment()
                        .filename(query.model().name().replace('/', '-') + ".csv").build());
                yield response.writeWith(AnalyticsCsv.lines(query.columns(), found)
                        .map(line -> buffer(response, line)));
            }
        };
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DataBuffer buffer(ServerHttpResponse response, String text) {
        return response.bufferFactory().wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
