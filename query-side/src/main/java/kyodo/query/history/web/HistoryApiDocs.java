package kyodo.query.history.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The two routes of {@code /public/history/{subjectType}/{id}} ({@link HistoryController}: the events
 * without {@code asOf}, the state then with it) are one operation in OpenAPI, which allows one GET per
 * path. springdoc folds them together with the first route's summary and {@code asOf} required, which
 * describes neither; here the one operation says both, with {@code asOf} optional and an answer of
 * either shape.
 */
@Configuration(proxyBeanMethods = false)
class HistoryApiDocs {

    static final String PATH = "/public/history/{subjectType}/{id}";

    @Bean
    OpenApiCustomizer historyWithAndWithoutAsOf() {
        return openApi -> {
            PathItem item = openApi.getPaths() == null ? null : openApi.getPaths().get(PATH);
            Operation get = item == null ? null : item.getGet();
            if (get == null) {
                return;
            }
            get.operationId("getPublicHistory")
                    .summary("A subject's public events in order, or with asOf its public state at that moment")
                    .description("subjectType is one of proposal, meeting, project, ward-budget (else 400). Without "
                            + "asOf: HistoryView {subjectType, subjectId, events: [{seq, at, kind (event class in "
                            + "UPPER_SNAKE_CASE), descriptionJa, descriptionEn, data}]}, read from the event store. "
                            + "With asOf (an ISO-8601 instant or offset date-time, else 400): StateView {subjectType, "
                            + "subjectId, asOf, version, state}, rebuilt by replaying its events up to then; a time "
                            + "before its first event answers 404. No personal data, no staff ids. Unknown subject: "
                            + "404.");
            if (get.getParameters() != null) {
                get.getParameters().stream().filter(p -> "asOf".equals(p.getName()))
                        .forEach(p -> p.required(false).description("e.g. 2025-06-01T09:00:00+09:00: the state then "
                                + "instead of the events"));
            }
            if (get.getResponses() != null && get.getResponses().get("200") != null) {
                get.getResponses().get("200").description("HistoryView without asOf, StateView with it");
            }
        };
    }
}
