package kyodo.query.dashboard.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import kyodo.query.dashboard.DashboardFigures;
import kyodo.query.dashboard.DashboardSettings;
import kyodo.query.dashboard.PublicDashboard;
import kyodo.query.web.EventStreams;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Duration;

/** The public dashboard: key figures for anyone, and a live stream of them. */
@RestController
@Tag(name = "public dashboard")
class DashboardController {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final PublicDashboard dashboard;
    private final Duration heartbeat;

    DashboardController(PublicDashboard dashboard, DashboardSettings settings) {
        this.dashboard = dashboard;
        this.heartbeat = settings.stream().heartbeat();
    }

    @Operation(operationId = "getDashboard", summary = "The public key figures",
            description = "Answers {fiscalYear, fiscalYearLabel, proposals{thisFiscalYear, allTime: {received, "
                    + "answered, open, overdue, medianDaysToAnswer}}, projects{active, activeByProgramme, "
                    + "thisFiscalYearByProgramme}, wardBudgets{envelopeYen, allocatedYen, spentYen, utilisation} "
                    + "(current fiscal year, all wards), meetings{thisFiscalYear, allTime: {held, participants}}, "
                    + "decisions{total, byOutcome}}; with ?ward= every figure is that ward's and the answer carries "
                    + "ward. Counts and sums only: no personal data, no staff identities. Answered from figures kept "
                    + "until a read model moves.")
    @GetMapping(path = "/public/dashboard", produces = MediaType.APPLICATION_JSON_VALUE)
    @Parameter(name = "ward", in = ParameterIn.QUERY, description = "a ward code (e.g. saiwai): that ward's figures, "
            + "with `ward` in the answer; absent, the whole city's")
    Mono<DashboardFigures> figures(@Parameter(hidden = true) @RequestParam MultiValueMap<String, String> params) {
        return Mono.fromCallable(() -> PublicDashboard.ward(params))
                .flatMap(ward -> dashboard.figures(ward.orElse(null))).timeout(TIMEOUT);
    }

    @Operation(operationId = "streamDashboard", summary = "The public key figures as they change (server-sent events)",
            description = "Each event is named `dashboard` and carries the figures of GET /public/dashboard as JSON: "
                    + "the current figures at once, then again whenever one changes (checked every second). A comment "
                    + "line is sent as a heartbeat every 15 s.")
    @GetMapping(path = "/public/dashboard/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    Flux<ServerSentEvent<DashboardFigures>> stream() {
        return EventStreams.withHeartbeat("dashboard figures",
                dashboard.changes().map(figures -> ServerSentEvent.builder(figures).event("dashboard").build()),
                heartbeat);
    }
}
