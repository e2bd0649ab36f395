package kyodo.query.history.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.kernel.decision.SubjectType;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.history.SubjectHistory;
import kyodo.query.history.SubjectHistory.HistoryView;
import kyodo.query.history.SubjectHistory.StateView;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The public history of a proposal, meeting, project or ward budget, replayed from the event store. */
@RestController
@Tag(name = "transparency")
class HistoryController {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    private static final String CODES = Arrays.stream(SubjectType.values()).map(SubjectType::code)
            .collect(Collectors.joining(", "));

    private final SubjectHistory history;

    HistoryController(SubjectHistory history) {
        this.history = history;
    }

    @Operation(operationId = "getPublicHistory", summary = "A subject's public events in order, from the event store",
            description = "subjectType is one of proposal, meeting, project, ward-budget (else 400). Each event: "
                    + "seq, at, kind (event class in UPPER_SNAKE_CASE), descriptionJa, descriptionEn, data. No "
                    + "personal data, no staff ids. Unknown subject: 404.")
    @GetMapping(path = "/public/history/{subjectType}/{id}", params = "!asOf",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<HistoryView> history(@PathVariable String subjectType, @PathVariable String id) {
        SubjectType type = subjectType(subjectType);
        checkId(id);
        return Mono.fromCallable(() -> history.history(type, id)).subscribeOn(Schedulers.boundedElastic());
    }

    @Operation(operationId = "getPublicStateAsOf",
            summary = "A subject's public state at a moment, rebuilt by replaying its events",
            description = "asOf is an ISO-8601 instant or offset date-time (else 400). A time before the "
                    + "subject's first event answers 404.")
    @GetMapping(path = "/public/history/{subjectType}/{id}", params = "asOf",
            produces = MediaType.APPLICATION_JSON_VALUE)
    Mono<StateView> stateAsOf(@PathVariable String subjectType, @PathVariable String id,
                              @Parameter(description = "e.g. 2025-06-01T09:00:00+09:00")
                              @RequestParam String asOf) {
        SubjectType type = subjectType(subjectType);
        Instant at = parseAsOf(asOf);
        checkId(id);
        return Mono.fromCallable(() -> history.stateAsOf(type, id, at)).subscribeOn(Schedulers.boundedElastic());
    }

    static SubjectType subjectType(String code) {
        return SubjectType.fromCode(code).orElseThrow(() -> invalid("subjectType", "must be one of " + CODES));
    }

    /** An instant ({@code ...Z}) or an offset date-time ({@code ...+09:00}; a space for the '+' is forgiven). */
    static Instant parseAsOf(String value) {
        String text = value == null ? "" : value.trim().replace(' ', '+');
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw invalid("asOf", "must be an ISO-8601 instant or offset date-time, e.g. 2025-06-01T09:00:00+09:00");
            }
        }
    }

    private static void checkId(String id) {
        if (!ID.matcher(id).matches()) {
            throw new KyodoProblemException(CommonProblems.NOT_FOUND, "No subject with that id.");
        }
    }

    private static KyodoProblemException invalid(String field, String message) {
        return new KyodoProblemException(CommonProblems.INVALID_INPUT, "The " + field + " is invalid.",
                List.of(new FieldViolation(field, message)), Map.of());
    }
}
