package kyodo.ops.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.ops.security.StaffAccounts;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Loads the demo and seed dataset ({@link SeedLoader}) through the app's own command API once it
 * serves, when started with {@code --kyodo.demo.load=true} ({@link DemoSettings}).
 * {@code java -jar kyodo.jar demo load} does the same and exits when the read models have caught up.
 */
@Component
@ConditionalOnProperty(name = "kyodo.demo.load", havingValue = "true")
class DemoLoader {

    private final ObjectMapper mapper;
    private final StaffAccounts accounts;
    private final DemoSettings settings;

    DemoLoader(ObjectMapper mapper, StaffAccounts accounts, DemoSettings settings) {
        this.mapper = mapper;
        this.accounts = accounts;
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load(ApplicationReadyEvent ready) {
        int port = ((WebServerApplicationContext) ready.getApplicationContext()).getWebServer().getPort();
        new SeedLoader(DemoClient.inProcess("http://localhost:" + port, accounts), mapper, settings.concurrency()).load();
    }
}
