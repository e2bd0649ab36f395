package kyodo.command.web;

import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;

class CommandProblemHandlerTest {

    private static String slugOf(Throwable e) {
        return CommandProblemHandler.toProblem(e).slug();
    }

    @Test
    void aRefusalKeepsItsTypeAlsoWhenItCrossedTheCommandBus() {
        KyodoProblemException refusal = new KyodoProblemException(CommonProblems.NOT_FOUND, "gone");
        ProblemDetails carried = refusal.toDetails();
        assertThat(CommandProblemHandler.toProblem(refusal)).isEqualTo(carried);
        assertThat(CommandProblemHandler.toProblem(
                new CompletionException(new CommandExecutionException("gone", null, carried)))).isEqualTo(carried);
    }

    @Test
    void aStaleVersionIs412AndAnUnknownAggregate404() {
        assertThat(slugOf(new CompletionException(new ConflictingAggregateVersionException("a", 1, 2))))
                .isEqualTo("stale-version");
        assertThat(slugOf(new AggregateNotFoundException("a", "no"))).isEqualTo("not-found");
    }

    @Test
    void frameworkFailuresMapToTheirContractStatuses() {
        assertThat(slugOf(new ServerWebInputException("bad", null, new DataBufferLimitException("big"))))
                .isEqualTo("payload-too-large");
        assertThat(slugOf(new UnsupportedMediaTypeStatusException("text/plain"))).isEqualTo("unsupported-media-type");
        assertThat(slugOf(new ServerWebInputException("No request body"))).isEqualTo("malformed-request");
        assertThat(slugOf(new ResponseStatusException(HttpStatus.NOT_FOUND))).isEqualTo("not-found");
    }

    @Test
    void anythingElseIsAnInternalErrorThatTellsNothing() {
        ProblemDetails problem = CommandProblemHandler.toProblem(new IllegalStateException("secret table name"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).isNull();
    }
}
