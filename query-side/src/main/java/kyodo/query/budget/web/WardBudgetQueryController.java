package kyodo.query.budget.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.budget.WardBudgetViews.WardBudgetView;
import kyodo.query.budget.WardBudgetViews.WardBudgetYear;
import kyodo.query.web.DocumentReadController;
import kyodo.query.web.ReadAfterWrite;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Reads of ward budgets: one ward's budget for a fiscal year, and every ward's budget of a year. */
@RestController
@Tag(name = "ward budgets (reads)")
class WardBudgetQueryController extends DocumentReadController {

    private static final String WARD_DOC = "ward code: kawasaki, saiwai, nakahara, takatsu, miyamae, tama, asao";
    private static final String YEAR_DOC = "fiscal year by its starting year (2025 = 2025-04-01..2026-03-31), 1989..2200";

    private final WardBudgetViews views;

    WardBudgetQueryController(WardBudgetViews views, ReadAfterWrite readAfterWrite) {
        super(readAfterWrite, "No budget envelope was set for that ward and fiscal year.");
        this.views = views;
    }

    @Operation(operationId = "getPublicWardBudget", summary = "A ward's budget for a fiscal year, as anyone sees it",
            description = "Envelope and its history, reservations, releases, allocations, spending, what is still "
                    + "available and the utilisation (spent / envelope), in whole yen. 404 until an envelope was "
                    + "set; 400 invalid-input for an unknown ward or a bad year. ETag carries the budget's version.")
    @GetMapping(path = "/public/ward-budgets/{ward}/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<WardBudgetView>> publicView(
            @Parameter(description = WARD_DOC) @PathVariable String ward,
            @Parameter(description = YEAR_DOC, schema = @Schema(type = "integer")) @PathVariable String fiscalYear) {
        return load(ward, fiscalYear, null);
    }

    @Operation(operationId = "getWardBudget", summary = "A ward's budget for a fiscal year, as staff see it",
            description = "The public view (a budget holds no personal data). ?minVersion=N waits up to 5 s for "
                    + "the read model to reach the budget's version N (as answered by the envelope command), else "
                    + "503 with Retry-After.")
    @GetMapping(path = "/api/ward-budgets/{ward}/{fiscalYear}", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<ResponseEntity<WardBudgetView>> staff(
            @Parameter(description = WARD_DOC) @PathVariable String ward,
            @Parameter(description = YEAR_DOC, schema = @Schema(type = "integer")) @PathVariable String fiscalYear,
            @Parameter(description = MIN_VERSION) @RequestParam(required = false) Long minVersion) {
        return load(ward, fiscalYear, minVersion);
    }

    @Operation(operationId = "listPublicWardBudgets",
            summary = "Every ward's budget of a fiscal year, as anyone sees it",
            description = "Answers {fiscalYear, fiscalYearLabel, items} with one summary per ward whose envelope "
                    + "was set, in the city's order of wards. fiscalYear is required; a missing or bad one answers "
                    + "400 invalid-input.")
    @Parameter(name = "fiscalYear", in = ParameterIn.QUERY, required = true, description = YEAR_DOC,
            schema = @Schema(type = "integer", minimum = "1989", maximum = "2200"))
    @GetMapping(path = "/public/ward-budgets", produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<WardBudgetYear> publicYear(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return page(() -> views.year(WardBudgetViews.listYear(params)));
    }

    /** The budget of a ward and year; a key that names neither is refused before anything is read. */
    private Mono<ResponseEntity<WardBudgetView>> load(String ward, String fiscalYear, Long minVersion) {
        return Mono.fromCallable(() -> WardBudgetViews.key(ward, fiscalYear))
                .flatMap(key -> document(() -> views.find(key), minVersion, views::view, WardBudgetView::version));
    }
}
