package kyodo.command.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.Parameters;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.core.annotation.AliasFor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A command route on an existing aggregate: {@code POST} to a path with an {@code {id}}, a JSON body,
 * an optional {@code If-Match}, answered in JSON. The method takes a {@link CommandSubject}; the id
 * and the header are described here for the OpenAPI document, once for every such route.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@RequestMapping(method = RequestMethod.POST, consumes = MediaType.APPLICATION_JSON_VALUE,
        produces = MediaType.APPLICATION_JSON_VALUE)
@Parameters({
        @Parameter(name = "id", in = ParameterIn.PATH, required = true, schema = @Schema(type = "string")),
        @Parameter(name = "If-Match", in = ParameterIn.HEADER, required = false,
                description = "ETag of the version this command expects; 412 when stale",
                schema = @Schema(type = "string"))})
public @interface PostToSubject {

    /** The route, with its {@code {id}}, below the controller's own path if it has one. */
    @AliasFor(annotation = RequestMapping.class, attribute = "path")
    String[] value() default {};
}
