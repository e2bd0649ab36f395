package kyodo.command.web;

import kyodo.command.platform.CommandOutcomes;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.problem.ProblemDetails;
import kyodo.kernel.problem.ProblemLog;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.IncompatibleAggregateException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.ConflictingAggregateVersionException;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;

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
    void anIdOfAnotherKindOfSubjectIs404AlsoWhenWrapped() {
        IncompatibleAggregateException foreign = new IncompatibleAggregateException(
                "Aggregate identifier must be non-null after applying an event.");
        assertThat(slugOf(foreign)).isEqualTo("not-found");
        assertThat(slugOf(new CompletionException(foreign))).isEqualTo("not-found");
        assertThat(slugOf(new CompletionException(new CommandExecutionException("failed", foreign))))
                .isEqualTo("not-found");
        assertThat(CommandProblemHandler.toProblem(foreign).detail()).doesNotContain("Aggregate", "identifier");
    }

    @Test
    void anUnreadableBodyIsDescribedInTheAskedLanguageWithoutJavaNames() {
        ServerWebInputException noBody = new ServerWebInputException("No request body for: reactor.core.publisher"
                + ".Mono<kyodo.command.web.CommandAnswer> kyodo.command.X.m(java.lang.String)",
                new org.springframework.core.MethodParameter(Object.class.getMethods()[0], -1));
        assertThat(CommandProblemHandler.toProblem(noBody, java.util.Locale.ENGLISH).detail())
                .isEqualTo("The body is missing or null; send a JSON object.");
        assertThat(CommandProblemHandler.toProblem(noBody, null).detail()).startsWith("本文がないか null です");
        assertThat(CommandProblemHandler.toProblem(new ServerWebInputException("Failed to read HTTP message", null,
                new org.springframework.core.codec.DecodingException("JSON decoding error: Cannot construct "
                        + "instance of `kyodo.command.Body`")), java.util.Locale.ENGLISH).detail())
                .isEqualTo("The request cannot be read.");
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
    void aWithdrawnCommandIs503NothingChangedAndAnAnswerGivenUpOnIs504NeverRetryIt() {
        ProblemDetails withdrawn = CommandProblemHandler.toProblem(CommandOutcomes.withdrawn());
        assertThat(withdrawn.status()).isEqualTo(503);
        assertThat(withdrawn.slug()).isEqualTo("command-withdrawn");
        assertThat(withdrawn.detail()).contains("nothing was changed");
        for (Throwable unknown : List.of(CommandOutcomes.outcomeUnknown(), new TimeoutException())) {
            ProblemDetails problem = CommandProblemHandler.toProblem(unknown);
            assertThat(problem.status()).isEqualTo(504);
            assertThat(problem.slug()).isEqualTo("command-outcome-unknown");
            assertThat(problem.detail()).contains("may still be stored").doesNotContain("retry it");
        }
    }

    @Test
    void anythingElseIsAnInternalErrorThatTellsNothing() {
        ProblemDetails problem = CommandProblemHandler.toProblem(new IllegalStateException("secret table name"));
        assertThat(problem.status()).isEqualTo(500);
        assertThat(problem.detail()).isNull();
    }

    @Test
    void aClientThatWentAwayIsNoFailureOfOurs() {
        assertThat(ProblemLog.clientWentAway(
                new IllegalStateException(new reactor.netty.channel.AbortedException("Connection has been closed"))))
                .isTrue();
        assertThat(ProblemLog.clientWentAway(new IllegalStateException("boom"))).isFalse();
    }
}
