package kyodo.ops.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.Map;

/**
 * Loads the demo proposals through the command API of the running app (never into read models
 * directly), when started with {@code --kyodo.demo.load=true}. Loading twice changes nothing: a
 * submission carries an Idempotency-Key, and each following step is conditional on the version
 * it expects (If-Match), so a step already taken answers 412 and is skipped.
 */
@Component
@ConditionalOnProperty(name = "kyodo.demo.load", havingValue = "true")
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @EventListener(ApplicationReadyEvent.class)
    void load(ApplicationReadyEvent ready) {
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        WebClient http = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeader("X-Kyodo-Staff-Id", "demo-loader")
                .defaultHeader("X-Kyodo-Staff-Role", "STAFF")
                .build();
        int applied = 0;
        int skipped = 0;
        for (DemoProposals.Demo demo : DemoProposals.ALL) {
            Map<?, ?> created = http.post().uri("/api/proposals").contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", demo.key()).bodyValue(demo.submission())
                    .retrieve().bodyToMono(Map.class).block(TIMEOUT);
            String id = (String) created.get("id");
            long version = 0;
            for (DemoProposals.Step step : demo.steps()) {
                try {
                    http.post().uri("/api/proposals/{id}/" + step.action(), id).contentType(MediaType.APPLICATION_JSON)
                            .header("If-Match", "\"" + version + "\"").bodyValue(step.body())
                            .retrieve().toBodilessEntity().block(TIMEOUT);
                    applied++;
                } catch (WebClientResponseException e) {
                    if (e.getStatusCode() != HttpStatus.PRECONDITION_FAILED) {
                        throw e;
                    }
                    skipped++;
                }
                version++;
            }
        }
        log.info("demo data: {} proposals, {} steps applied, {} already there", DemoProposals.ALL.size(), applied,
                skipped);
    }
}
