package kyodo.command.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the command edge refuses to guess at when it reads a body. */
class StrictJsonTest {

    record Body(String text, Integer count, Long yen, Boolean flag, List<String> items, LocalDate on,
                OffsetDateTime at) {
    }

    private final ObjectMapper strict = StrictJson.configure(
            JsonMapper.builder().addModule(new JavaTimeModule()).build());

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"text\": 5}", "{\"text\": true}", "{\"text\": 1.5}", "{\"count\": \"5\"}", "{\"count\": 1.9}",
            "{\"count\": \"\"}", "{\"yen\": 1e3}", "{\"yen\": 99999999999999999999999}", "{\"flag\": \"true\"}",
            "{\"flag\": 1}", "{\"items\": \"a\"}", "{\"on\": 20250401}", "{\"on\": [2025, 4, 1]}",
            "{\"on\": \"+12025-04-01\"}", "{\"at\": 1700000000}", "{\"text\": \"a\", \"text\": \"b\"}",
            "{\"unknown\": 1}", "{\"text\": \"a\"} x", "{\"items\": [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\"a\"]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]}"})
    void guessesAreRefused(String json) {
        assertThatThrownBy(() -> strict.readValue(json, Body.class)).isInstanceOf(Exception.class);
    }

    @Test
    void theDocumentedShapesAreRead() throws Exception {
        Body body = strict.readValue("{\"text\": \"\", \"count\": 5, \"yen\": 1000000000000, \"flag\": false, "
                + "\"items\": [], \"on\": \"2025-04-01\", \"at\": \"2025-09-19T13:00:00+09:00\"}", Body.class);

        assertThat(body.text()).isEmpty();
        assertThat(body.count()).isEqualTo(5);
        assertThat(body.on()).isEqualTo(LocalDate.of(2025, 4, 1));
        assertThat(body.at().getOffset().getTotalSeconds()).isEqualTo(9 * 3600);
    }

    @Test
    void onlyWellFormedUtf8Passes() {
        assertThatCode(() -> StrictUtf8JsonDecoder.requireUtf8(buffer("{\"t\": \"駐輪場\"}".getBytes(StandardCharsets.UTF_8))))
                .doesNotThrowAnyException();
        for (byte[] bad : new byte[][] {{(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                {(byte) 0xFF}, {(byte) 0xE3, (byte) 0x81}}) {
            assertThatThrownBy(() -> StrictUtf8JsonDecoder.requireUtf8(buffer(bad))).isInstanceOf(DecodingException.class);
        }
    }

    private static DataBuffer buffer(byte[] bytes) {
        return DefaultDataBufferFactory.sharedInstance.wrap(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/actuator/health/..%2f..%2f", "/api/proposals/..%2F..%2Fetc", "/api/proposals/a%00",
            "/api/proposals/../x", "/api/proposals/%2e%2e/x", "/api/proposals/..;/x", "/api/%5c..%5cx", "/a/./b"})
    void climbingPathsAreHostile(String path) {
        assertThat(HostilePathFilter.hostile(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/proposals", "/api/proposals/8c2a-1f/decision", "/public/history/proposal/p-1",
            "/public/proposals;jsessionid=1", "/public/audit/checkpoints/latest", "/a...b/c..d"})
    void ordinaryPathsAreNot(String path) {
        assertThat(HostilePathFilter.hostile(path)).isFalse();
    }
}
