package kyodo.command.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import kyodo.command.platform.CommandOutcomes;
import kyodo.command.sending.BusProblems;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.FieldViolation;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import kyodo.kernel.problem.ProblemRendering;
import kyodo.kernel.problem.web.ProblemAnswers;
import kyodo.kernel.problem.web.WebFailures;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The one place where failures become answers: every error of the HTTP API is an
 * {@code application/problem+json} document with a stable {@code type}, a Japanese or English
 * title by {@code Accept-Language}, field errors for invalid input, and never a stack trace.
 * Runs before Spring Boot's own error handler so nothing escapes in another shape. It only maps a
 * failure to its problem (a refused command through {@link BusProblems}, WebFlux's routing failures
 * through {@link WebFailures} as the query side's handler does, the web's other failures here);
 * {@link ProblemAnswers#answer} answers it as the query side's handler does, through the
 * {@link ProblemRendering} and the {@link ProblemLog}'s policy, as the security edge does too (ADR 16).
 */
@Component
@Order(-3)
public class CommandProblemHandler implements WebExceptionHandler {

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        return ProblemAnswers.answer(exchange, error, CommandProblemHandler::toProblem);
    }

    /** As {@link #toProblem(Throwable, Locale)}, with details in Japanese. */
    static ProblemDetails toProblem(Throwable error) {
        return toProblem(error, null);
    }

    /**
     * Maps any failure to its problem; unknown failures are internal errors with no detail. No
     * detail is ever taken from a framework's message: those name Java classes and methods.
     *
     * @param locale the language asked for; details of unreadable requests are in English for
     *               {@code en}, in Japanese otherwise
     */
    static ProblemDetails toProblem(Throwable error, Locale locale) {
        Throwable e = unwrap(error);
        Optional<ProblemDetails> refusal = BusProblems.of(e);
        if (refusal.isPresent()) {
            return refusal.get();
        }
        if (e instanceof WebExchangeBindException bind) {
            List<FieldViolation> errors = bind.getFieldErrors().stream()
                    .map(f -> new FieldViolation(f.getField(), f.getDefaultMessage()))
                    .sorted(java.util.Comparator.comparing(FieldViolation::field))
                    .collect(Collectors.toList());
            bind.getGlobalErrors().forEach(g -> errors.add(new FieldViolation("", g.getDefaultMessage())));
            return ProblemDetails.of(CommonProblems.INVALID_INPUT, "The request has invalid fields.", errors);
        }
        if (causedBy(e, DataBufferLimitException.class)) {
            return ProblemDetails.of(CommonProblems.PAYLOAD_TOO_LARGE, "The request body exceeds the limit.");
        }
        if (e instanceof UnsupportedMediaTypeStatusException) {
            return ProblemDetails.of(CommonProblems.UNSUPPORTED_MEDIA_TYPE,
                    "Send the request body as application/json.");
        }
        Optional<ProblemDetails> routing = WebFailures.routing(e, locale);
        if (routing.isPresent()) {
            return routing.get();
        }
        if (e instanceof ServerWebInputException input) {
            return inputProblem(input, Unreadable.english(locale));
        }
        if (e instanceof ResponseStatusException status && status.getStatusCode().value() == 413) {
            return ProblemDetails.of(CommonProblems.PAYLOAD_TOO_LARGE, "The request body exceeds the limit.");
        }
        if (e instanceof TimeoutException) {
            // an answer given up on says nothing of the work behind it: it may still be stored (ADR 28)
            return CommandOutcomes.outcomeUnknown().toDetails();
        }
        return ProblemDetails.of(CommonProblems.INTERNAL, null);
    }

    private static ProblemDetails inputProblem(ServerWebInputException input, boolean english) {
        String parameter = requestParameter(input);
        if (parameter != null) {
            return ProblemDetails.of(CommonProblems.INVALID_INPUT, Unreadable.PARAMETER.text(english),
                    List.of(new FieldViolation(parameter, "wrong type or format")));
        }
        JsonMappingException mapping = find(input, JsonMappingException.class);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            return ProblemDetails.of(CommonProblems.INVALID_INPUT, Unreadable.UNKNOWN_FIELD.text(english),
                    List.of(new FieldViolation(path(unknown), "unknown field")));
        }
        if (mapping != null && !mapping.getPath().isEmpty()) {
            return ProblemDetails.of(CommonProblems.INVALID_INPUT, Unreadable.WRONG_TYPE.text(english),
                    List.of(new FieldViolation(path(mapping), "wrong type or format")));
        }
        if (mapping instanceof MismatchedInputException) {
            // well-formed JSON of the wrong shape at the top: [], "x", 1
            return ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, Unreadable.NOT_AN_OBJECT.text(english));
        }
        if (find(input, JsonProcessingException.class) != null) {
            return ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, Unreadable.NOT_JSON.text(english));
        }
        if (find(input, StrictUtf8JsonDecoder.NotUtf8Exception.class) != null) {
            return ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, Unreadable.NOT_UTF8.text(english));
        }
        if (input.getCause() == null && input.getMethodParameter() != null) {
            // Spring's "No request body" (an empty body, or the JSON literal null)
            return ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, Unreadable.NO_BODY.text(english));
        }
        return ProblemDetails.of(CommonProblems.MALFORMED_REQUEST, Unreadable.OTHER.text(english));
    }

    /** What is wrong with a request that cannot be read, in plain words. */
    enum Unreadable {
        PARAMETER("リクエストのパラメーターが正しくありません。", "A request parameter is invalid."),
        UNKNOWN_FIELD("リクエストに未知の項目があります。", "The request has unknown fields."),
        WRONG_TYPE("リクエストに型や形式の誤った項目があります。", "The request has fields of the wrong type."),
        NOT_AN_OBJECT("本文は JSON オブジェクト（{ … }）で送ってください。",
                "The body must be a JSON object ({ … })."),
        NOT_JSON("本文が正しい JSON ではありません。", "The body is not well-formed JSON."),
        NOT_UTF8("本文が正しい UTF-8 ではありません。", "The body is not valid UTF-8."),
        NO_BODY("本文がないか null です。JSON オブジェクトで送ってください。",
                "The body is missing or null; send a JSON object."),
        OTHER("リクエストを読み取れません。", "The request cannot be read.");

        private final String japanese;
        private final String english;

        Unreadable(String japanese, String english) {
            this.japanese = japanese;
            this.english = english;
        }

        String text(boolean inEnglish) {
            return inEnglish ? english : japanese;
        }

        static boolean english(Locale locale) {
            return ProblemRendering.english(locale);
        }
    }

    /** The name of the query parameter, path variable or header that failed to convert, if that failed. */
    private static String requestParameter(ServerWebInputException input) {
        org.springframework.core.MethodParameter parameter = input.getMethodParameter();
        if (parameter == null || parameter.hasParameterAnnotation(
                org.springframework.web.bind.annotation.RequestBody.class)) {
            return null;
        }
        org.springframework.web.bind.annotation.RequestParam param =
                parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestParam.class);
        if (param != null && !param.name().isEmpty()) {
            return param.name();
        }
        org.springframework.web.bind.annotation.RequestHeader header =
                parameter.getParameterAnnotation(org.springframework.web.bind.annotation.RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        return parameter.getParameterName();
    }

    /** JSON path of a mapping failure: {@code proposer.name}, {@code themes[2]}. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.toString();
    }

    private static Throwable unwrap(Throwable e) {
        Throwable current = e;
        while ((current instanceof java.util.concurrent.CompletionException
                || current instanceof java.util.concurrent.ExecutionException) && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        return find(e, type) != null;
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
