package kyodo.query.analytics.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.QueryParameter;
import kyodo.query.analytics.AnalyticsCatalogue;
import kyodo.query.analytics.Dimension;
import kyodo.query.analytics.ReadModelSchema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The filters of every analytics endpoint in the OpenAPI description, one query parameter per
 * dimension, written from {@link AnalyticsCatalogue}: the same catalogue that validates them, so
 * the description cannot drift from what the endpoint accepts.
 */
@Configuration(proxyBeanMethods = false)
class AnalyticsApiDocs {

    @Bean
    OpenApiCustomizer analyticsFilters() {
        return openApi -> {
            if (openApi.getPaths() == null) {
                return;
            }
            for (ReadModelSchema model : AnalyticsCatalogue.all()) {
                PathItem item = openApi.getPaths().get(model.path());
                Operation get = item == null ? null : item.getGet();
                if (get == null) {
                    continue;
                }
                for (Dimension dimension : model.dimensions()) {
                    StringSchema schema = new StringSchema();
                    if (dimension.values() != null) {
                        dimension.values().forEach(schema::addEnumItem);
                    }
                    get.addParametersItem(new QueryParameter().name(dimension.name())
                            .description(dimension.meaning()
                                    + (dimension.unit() == null ? "" : " (" + dimension.unit() + ")"))
                            .schema(schema));
                }
            }
        };
    }
}
