package kyodo.command.web;

import kyodo.command.meeting.MeetingDesk;
import kyodo.command.personal.PersonLookup;
import kyodo.command.personal.PersonalDataErasure;
import kyodo.command.platform.CommandWorkers;
import kyodo.command.project.BudgetAllocations;
import kyodo.command.proposal.ProposalIntake;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.reactive.WebFluxTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;
import org.springframework.web.util.pattern.PathPattern;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command route answers a body it cannot read (empty, {@code null}, an array, a string, a
 * number, an empty object) with a 400 whose detail is plain language: never a Java class, package
 * or method name that Jackson or Spring put into their messages.
 */
@WebFluxTest
@Import(CommandProblemHandler.class)
class UndecodableBodyTest {

    private static final List<String> BODIES = List.of("", "null", "[]", "\"x\"", "1", "{}");
    private static final Pattern JAVA_NAME = Pattern.compile(
            "kyodo\\.|java\\.|javax\\.|jakarta\\.|com\\.fasterxml|org\\.|\\$|\\(\\)|`");

    @MockitoBean
    ProposalIntake intake;
    @MockitoBean
    CommandEdge edge;
    @MockitoBean
    MeetingDesk desk;
    @MockitoBean
    PersonalDataErasure erasure;
    @MockitoBean
    PersonLookup lookup;
    @MockitoBean
    BudgetAllocations allocations;

    @Autowired
    WebTestClient http;
    @Autowired
    RequestMappingHandlerMapping mappings;

    @TestConfiguration
    static class SignedIn {
        /** The command threads, which the personal-data controller uses directly. */
        @Bean(destroyMethod = "close")
        CommandWorkers commandWorkers() {
            return new CommandWorkers(2, 100, Duration.ofSeconds(10), Duration.ofSeconds(75));
        }

        /** A city-wide staff member, as the deployable's authentication would put them in the context. */
        @Bean
        WebFilter signedInStaff() {
            Actor actor = new Actor("t-staff-city", Role.STAFF, null);
            return (exchange, chain) -> chain.filter(exchange).contextWrite(ReactiveSecurityContextHolder
                    .withAuthentication(new UsernamePasswordAuthenticationToken(actor, null, List.of())));
        }
    }

    /** Every route that takes a JSON body, with its path variables filled in. */
    private List<Map.Entry<HttpMethod, String>> commandRoutes() {
        List<Map.Entry<HttpMethod, String>> routes = new ArrayList<>();
        for (RequestMappingInfo info : mappings.getHandlerMethods().keySet()) {
            if (info.getConsumesCondition().getConsumableMediaTypes().stream()
                    .noneMatch(MediaType.APPLICATION_JSON::isCompatibleWith)) {
                continue;
            }
            for (PathPattern pattern : info.getPatternsCondition().getPatterns()) {
                String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "x-1");
                info.getMethodsCondition().getMethods().forEach(m -> routes.add(
                        Map.entry(HttpMethod.valueOf(m.name()), path)));
            }
        }
        return routes;
    }

    @Test
    void everyCommandRouteIsCovered() {
        assertThat(commandRoutes()).hasSizeGreaterThan(30)
                .contains(Map.entry(HttpMethod.POST, "/api/proposals"),
                        Map.entry(HttpMethod.POST, "/api/meetings/x-1/registrations"),
                        Map.entry(HttpMethod.PUT, "/api/ward-budgets/x-1/x-1"));
    }

    @Test
    void anUnreadableBodyIsA400InPlainJapanese() {
        answersInPlainLanguage("ja");
    }

    @Test
    void anUnreadableBodyIsA400InPlainEnglish() {
        answersInPlainLanguage("en");
    }

    private void answersInPlainLanguage(String language) {
        List<String> leaks = new ArrayList<>();
        for (Map.Entry<HttpMethod, String> route : commandRoutes()) {
            for (String body : BODIES) {
                EntityExchangeResult<byte[]> answer = http.method(route.getKey()).uri(route.getValue())
                        .contentType(MediaType.APPLICATION_JSON).header("Accept-Language", language)
                        .bodyValue(body)
                        .exchange()
                        .expectBody().returnResult();
                if (body.equals("{}") && answer.getStatus().is2xxSuccessful()) {
                    continue; // a route whose fields are all optional reads {} as a command
                }
                assertThat(answer.getStatus().value()).as(route + " " + body).isEqualTo(400);
                assertThat(answer.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
                String text = new String(answer.getResponseBody(), java.nio.charset.StandardCharsets.UTF_8);
                if (JAVA_NAME.matcher(text.replace("\"type\":\"/problems/", "").replaceAll("\"instance\":\"[^\"]*\"", ""))
                        .find()) {
                    leaks.add(route + " " + body + " -> " + text);
                }
            }
        }
        assertThat(leaks).isEmpty();
    }
}
