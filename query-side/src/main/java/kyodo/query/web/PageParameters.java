package kyodo.query.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import kyodo.query.listing.ListParameters;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The OpenAPI description of {@code page} and {@code size}, which every paged list reads alike
 * ({@link ListParameters#paging()}), written once beside each list's own parameters; its bounds are
 * those {@code paging} checks. A list's own parameter annotation carries it, so the two come last.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Parameters({
        @Parameter(name = "page", in = ParameterIn.QUERY, description = "0-based page number",
                schema = @Schema(type = "integer", minimum = "0", defaultValue = "0")),
        @Parameter(name = "size", in = ParameterIn.QUERY, description = "items per page",
                schema = @Schema(type = "integer", minimum = "1", maximum = "" + ListParameters.MAX_SIZE,
                        defaultValue = "" + ListParameters.DEFAULT_SIZE))
})
public @interface PageParameters {
}
