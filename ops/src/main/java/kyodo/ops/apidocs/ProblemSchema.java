package kyodo.ops.apidocs;

import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;

import java.util.List;

/** The one problem schema of the OpenAPI document: the body every error answer has (ADR 16). */
final class ProblemSchema {

    static final String NAME = "Problem";
    static final String REF = "#/components/schemas/" + NAME;
    static final String FIELD_VIOLATION = "FieldViolation";

    private ProblemSchema() {
    }

    /**
     * RFC 9457 as {@code ProblemDetails.toBody} writes it: type, title, status, detail, instance, errors for
     * invalid input, then the extension members the platform's refusals carry.
     */
    static Schema<?> problem() {
        return new ObjectSchema().description("An error answer (RFC 9457). The type names the problem and is "
                        + "stable; the title is Japanese, or English with Accept-Language: en; the detail is plain "
                        + "language. Never a stack trace.")
                .addProperty("type", new StringSchema().format("uri-reference").example("/problems/stale-version")
                        .description("/problems/<slug>: what went wrong, stable for clients to branch on"))
                .addProperty("title", new StringSchema().description("the type in words, ja or en"))
                .addProperty("status", new IntegerSchema().description("the HTTP status, repeated"))
                .addProperty("detail", new StringSchema().description("this occurrence in plain words"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("the request path"))
                .addProperty("errors", new ArraySchema().items(new Schema<>().$ref("#/components/schemas/" + FIELD_VIOLATION))
                        .description("invalid-input: each invalid field, parameter or header"))
                .addProperty("currentStatus", new StringSchema()
                        .description("a refused command: the status of its subject that refused it"))
                .addProperty("availableYen", new IntegerSchema().format("int64")
                        .description("a ward budget that cannot reserve the amount: what it still has"))
                .addProperty("remainingYen", new IntegerSchema().format("int64")
                        .description("a project that cannot spend the amount: what is left of its allocation"))
                .addProperty("notPartners", new ArraySchema().items(new StringSchema())
                        .description("an agreement naming organisations that are not the project's partners"))
                .addProperty("supports", new IntegerSchema()
                        .description("a support refused or withdrawn: the proposal's count of supports"))
                .addProperty("offered", new ArraySchema().items(new StringSchema())
                        .description("not-acceptable (406): the media types the route answers with"))
                .required(List.of("type", "title", "status"));
    }

    static Schema<?> fieldViolation() {
        return new ObjectSchema()
                .addProperty("field", new StringSchema().description("JSON path of the field (proposer.name, "
                        + "themes[2]), or the parameter's or header's name"))
                .addProperty("message", new StringSchema().description("what is wrong with it"))
                .required(List.of("field", "message"));
    }
}
