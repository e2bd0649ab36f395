package kyodo.query.web;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.util.MultiValueMap;
import org.springframework.core.annotation.AnnotatedElementUtils;
import io.swagger.v3.oas.annotations.Parameter;
import com.mongodb.client.MongoDatabase;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.http.codec.json.Jackson2JsonEncoder;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.config.EnableWebFlux;
import org.springframework.web.reactive.config.WebFluxConfigurer;
import org.springframework.web.server.WebFilter;

import java.lang.reflect.Method;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The query side's HTTP edge in a bare WebFlux context (no Spring Boot, no Axon), shared by the web
 * tests: a test imports {@link Edge} beside its feature's beans, starts them over a read store with
 * {@link #start}, feeds its projection with {@link #project} and reads answers with the helpers here.
 */
public final class QueryWebTest {

    private QueryWebTest() {
    }

    /** WebFlux, the query side's problem handler, and JSON written as Spring Boot writes it. */
    @Configuration
    @EnableWebFlux
    public static class Edge implements WebFluxConfigurer {

        @Bean
        QueryProblemHandler queryProblemHandler() {
            return new QueryProblemHandler();
        }

        @Override
        public void configureHttpMessageCodecs(ServerCodecConfigurer configurer) {
            configurer.defaultCodecs().jackson2JsonEncoder(new Jackson2JsonEncoder(TestStores.JSON));
        }
    }

    /**
     * The feature's beans ({@code web}, a configuration importing {@link Edge}) over a read store on
     * {@code database}, with what {@code more} registers; refreshed. The test closes it.
     */
    public static AnnotationConfigApplicationContext start(Class<?> web, MongoDatabase database,
                                                           Consumer<AnnotationConfigApplicationContext> more) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        context.registerBean(ReadStore.class, () -> MongoReadStore.of(database));
        more.accept(context);
        context.register(web);
        context.refresh();
        return context;
    }

    /** What a staff view needs: the personal-data keys, and a city-wide staff member signed in. */
    public static Consumer<AnnotationConfigApplicationContext> signedInStaff(PersonalDataProtector protector) {
        return context -> {
            context.registerBean(PersonalDataProtector.class, () -> protector);
            context.registerBean("signedIn", WebFilter.class, () -> SignedIn.asStaffOf(null));
        };
    }

    /** Hands the events to a (package-private) projection bean through Axon's adapter, as a processor would. */
    @SafeVarargs
    public static void project(ApplicationContext context, String projection,
                               List<? extends EventMessage<?>>... histories) {
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(context.getBean(projection));
        for (List<? extends EventMessage<?>> history : histories) {
            for (EventMessage<?> event : history) {
                try {
                    handler.handle(event);
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** The text as JSON; text that is not JSON fails the test. */
    public static JsonNode json(String text) {
        try {
            return TestStores.JSON.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** GET that must answer 200 with JSON: the answer's body. */
    public static JsonNode getJson(WebTestClient client, String uri, Object... variables) {
        return json(client.get().uri(uri, variables).exchange()
                .expectStatus().isOk()
                .expectHeader().contentType(MediaType.APPLICATION_JSON)
                .expectBody(String.class).returnResult().getResponseBody());
    }

    /**
     * The parameters of a read controller's one list route as springdoc documents them (a meta-annotated
     * {@code @Parameters} container unwraps into {@code @Parameter}), once it was checked that the route
     * serves exactly {@code paths}.
     */
    public static List<String> documentedListParameters(Class<?> controller, String... paths)
            throws NoSuchMethodException {
        Method list = controller.getDeclaredMethod("list", MultiValueMap.class);
        assertThat(AnnotatedElementUtils.findMergedAnnotation(list, GetMapping.class).path()).containsExactly(paths);
        return AnnotatedElementUtils.findAllMergedAnnotations(list, Parameter.class).stream().map(Parameter::name)
                .toList();
    }
}
