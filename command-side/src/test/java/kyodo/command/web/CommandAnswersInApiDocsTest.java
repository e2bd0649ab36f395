package kyodo.command.web;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

class CommandAnswersInApiDocsTest {

    /** Routes of each kind a command controller has. */
    static class Routes {
        @PostCommand
        ResponseEntity<CommandAnswer> create(@RequestHeader(name = "Idempotency-Key", required = false) String key) {
            return null;
        }

        @PostToSubject("/{id}/step")
        ResponseEntity<CommandAnswer> step(CommandSubject subject) {
            return null;
        }

        @GetMapping("/read")
        String read() {
            return null;
        }
    }

    private static Operation documented(String method) throws Exception {
        HandlerMethod handler = new HandlerMethod(new Routes(), Routes.class.getDeclaredMethod(method,
                parameterTypes(method)));
        Operation operation = new Operation().responses(new ApiResponses().addApiResponse("200",
                new ApiResponse().description("OK")));
        return new CommandAnswersInApiDocs().customize(operation, handler);
    }

    private static Class<?>[] parameterTypes(String method) {
        for (var m : Routes.class.getDeclaredMethods()) {
            if (m.getName().equals(method)) {
                return m.getParameterTypes();
            }
        }
        throw new IllegalArgumentException(method);
    }

    @Test
    void aCreationAnswers201WithLocationAndETagAndTheKeysProblems() throws Exception {
        ApiResponses responses = documented("create").getResponses();
        assertThat(responses).doesNotContainKey("200").containsKeys("201", "400", "409", "422", "503", "504")
                .doesNotContainKey("412");
        assertThat(responses.get("201").getHeaders()).containsKeys("Location", "ETag");
    }

    @Test
    void aCommandOnASubjectAnswers200WithETagAndAStaleIfMatch412() throws Exception {
        ApiResponses responses = documented("step").getResponses();
        assertThat(responses).containsKeys("200", "409", "412", "503", "504").doesNotContainKeys("201", "422");
        assertThat(responses.get("200").getHeaders()).containsKey("ETag");
    }

    @Test
    void aReadIsNoCommand() throws Exception {
        assertThat(documented("read").getResponses()).containsOnlyKeys("200");
    }

    @Test
    void aMeaningSaidTwiceIsSaidOnceAndAnotherIsAdded() {
        ApiResponses responses = new ApiResponses();
        CommandAnswersInApiDocs.say(responses, "400", "one.");
        CommandAnswersInApiDocs.say(responses, "400", "one.");
        CommandAnswersInApiDocs.say(responses, "400", "two.");
        assertThat(responses.get("400").getDescription()).isEqualTo("one. two.");
    }
}
