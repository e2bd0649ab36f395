package kyodo.ops.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.access.Role;
import kyodo.ops.security.StaffAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads the demo dataset through the command API of the running app (never into read models
 * directly), when started with {@code --kyodo.demo.load=true}: proposals from the seeds' workshop
 * opinions, the 2015 southern-district workshop and the 2019 expert panel. Loading twice changes
 * nothing: a creation carries an Idempotency-Key, and each following step is conditional on the
 * version it expects (If-Match), so a step already taken answers 412 and is skipped.
 */
@Component
@ConditionalOnProperty(name = "kyodo.demo.load", havingValue = "true")
class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ObjectMapper mapper;
    private final StaffAccounts accounts;

    DemoLoader(ObjectMapper mapper, StaffAccounts accounts) {
        this.mapper = mapper;
        this.accounts = accounts;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load(ApplicationReadyEvent ready) {
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        // signs in like any client, with an account of its own that lives as long as this process
        String password = accounts.serviceAccount("demo-loader", Role.STAFF, null);
        WebClient http = WebClient.builder().baseUrl("http://localhost:" + port)
                .defaultHeaders(h -> h.setBasicAuth("demo-loader", password))
                .codecs(c -> c.defaultCodecs().maxInMemorySize(256 * 1024))
                .build();
        List<DemoScript> scripts = new ArrayList<>(DemoScript.proposals());
        scripts.add(DemoScript.workshop(mapper));
        scripts.addAll(DemoScript.expertPanel(mapper));
        int applied = 0;
        int skipped = 0;
        for (DemoScript script : scripts) {
            Map<?, ?> created = http.post().uri(script.collection()).contentType(MediaType.APPLICATION_JSON)
                    .header("Idempotency-Key", script.key()).bodyValue(script.creation())
                    .retrieve().bodyToMono(Map.class).block(TIMEOUT);
            String id = (String) created.get("id");
            long version = 0;
            for (DemoScript.Step step : script.steps()) {
                try {
                    http.post().uri(script.collection() + "/{id}/" + step.action(), id)
                            .contentType(MediaType.APPLICATION_JSON)
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
        log.info("demo data: {} subjects, {} steps applied, {} already there", scripts.size(), applied, skipped);
    }
}
