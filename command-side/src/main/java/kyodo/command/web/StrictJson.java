package kyodo.command.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.function.Function;

/**
 * How the command edge reads JSON: exactly what the schema says and nothing a lenient parser would
 * guess. By default Jackson reads {@code "5"} as the number 5, {@code 5} or {@code true} as the text
 * "5" or "true", {@code 1.9} as the integer 1, {@code ""} as null, a number as a date, and keeps
 * the last of two equal keys; a client (or an attacker probing for a parser differential) then gets
 * a command it did not write. Here each of these is a 400, as are absurdly deep or long documents.
 * Only the HTTP edge is this strict; events are read leniently so that old readers survive new
 * fields.
 */
public final class StrictJson {

    /** Deeper than any command body (three levels) by far, shallow enough to parse in no time. */
    static final int MAX_DEPTH = 32;
    /** Digits in one number: more than any yen amount, far fewer than Jackson's default 1,000. */
    static final int MAX_NUMBER_LENGTH = 32;

    private StrictJson() {
    }

    /** Configures {@code mapper} (a copy of the application's) for reading command bodies. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(MAX_DEPTH).maxNumberLength(MAX_NUMBER_LENGTH).build());
        mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        mapper.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
                .disable(DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS)
                .disable(DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT)
                .disable(DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT);
        mapper.coercionConfigDefaults()
                .setAcceptBlankAsEmpty(false)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        for (LogicalType scalar : new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean,
                LogicalType.Textual, LogicalType.DateTime, LogicalType.Enum}) {
            for (CoercionInputShape shape : CoercionInputShape.values()) {
                if (!matches(scalar, shape)) {
                    mapper.coercionConfigFor(scalar).setCoercion(shape, CoercionAction.Fail);
                }
            }
        }
        SimpleModule times = new SimpleModule("strict-times");
        times.addDeserializer(OffsetDateTime.class, new IsoText<>(OffsetDateTime.class,
                text -> OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
        times.addDeserializer(LocalDate.class, new IsoText<>(LocalDate.class,
                text -> LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)));
        mapper.registerModule(times);
        return mapper;
    }

    /** The one JSON shape a value of that logical type may come in. */
    private static boolean matches(LogicalType type, CoercionInputShape shape) {
        return switch (type) {
            case Integer -> shape == CoercionInputShape.Integer;
            case Float -> shape == CoercionInputShape.Float || shape == CoercionInputShape.Integer;
            case Boolean -> shape == CoercionInputShape.Boolean;
            default -> shape == CoercionInputShape.String || shape == CoercionInputShape.EmptyString;
        };
    }

    /**
     * A date or time written as ISO-8601 text and nothing else: no epoch numbers, no
     * {@code [2025, 4, 1]} arrays, no year +999999999 (four-digit years only).
     */
    private static final class IsoText<T> extends JsonDeserializer<T> {

        private final Class<T> type;
        private final Function<String, T> parse;

        IsoText(Class<T> type, Function<String, T> parse) {
            this.type = type;
            this.parse = parse;
        }

        @Override
        public T deserialize(JsonParser p, DeserializationContext context) throws IOException {
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                return type.cast(context.handleUnexpectedToken(type, p));
            }
            String text = p.getText();
            if (!text.matches("[0-9]{4}-.*")) {
                return type.cast(context.handleWeirdStringValue(type, text, "not an ISO-8601 value"));
            }
            try {
                return parse.apply(text);
            } catch (DateTimeParseException e) {
                return type.cast(context.handleWeirdStringValue(type, text, "not an ISO-8601 value"));
            }
        }
    }
}
