package kyodo.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * Operation ids for a route method that answers a staff path and a public path alike ({@code /api/x}
 * and {@code /public/x}: the same page, the security edge deciding who may call which). OpenAPI wants
 * one id per path, so springdoc gives the path it meets second the annotation's id with {@code _1}
 * appended: a name that says nothing and changes with the order of the paths. Here the staff path keeps
 * the annotation's id ({@code listProposals}) and the public path gets the same with {@code Public}
 * after its verb ({@code listPublicProposals}), whatever the order.
 */
@Configuration(proxyBeanMethods = false)
public class StaffAndPublicOperationIds {

    private static final String STAFF = "/api/";
    private static final String PUBLIC = "/public/";
    private static final Pattern DEDUPLICATED = Pattern.compile("_\\d+$");

    @Bean
    OpenApiCustomizer staffAndPublicIds() {
        return StaffAndPublicOperationIds::name;
    }

    /** Names the operations of every route method that serves both a staff and a public path. */
    static void name(OpenAPI openApi) {
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, publicItem) -> {
            PathItem staffItem = path.startsWith(PUBLIC)
                    ? openApi.getPaths().get(STAFF + path.substring(PUBLIC.length())) : null;
            if (staffItem == null) {
                return;
            }
            Map<PathItem.HttpMethod, Operation> staffOperations = staffItem.readOperationsMap();
            publicItem.readOperationsMap().forEach((method, publicOperation) -> {
                Operation staffOperation = staffOperations.get(method);
                String id = annotated(publicOperation);
                if (id != null && staffOperation != null && id.equals(annotated(staffOperation))) {
                    staffOperation.setOperationId(id);
                    publicOperation.setOperationId(publicId(id));
                }
            });
        });
    }

    /** The id as the route's annotation gave it, before springdoc made it unique. */
    private static String annotated(Operation operation) {
        String id = operation.getOperationId();
        return id == null ? null : DEDUPLICATED.matcher(id).replaceFirst("");
    }

    /** {@code listProposals} → {@code listPublicProposals}. */
    static String publicId(String id) {
        int noun = 0;
        while (noun < id.length() && !Character.isUpperCase(id.charAt(noun))) {
            noun++;
        }
        return id.substring(0, noun) + "Public" + id.substring(noun);
    }
}
