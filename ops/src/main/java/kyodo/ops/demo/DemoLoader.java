package kyodo.ops.demo;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
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

    private final DemoSettings settings;

    DemoLoader(DemoSettings settings) {
        this.settings = settings;
    }

    @EventListener(ApplicationReadyEvent.class)
    void load(ApplicationReadyEvent ready) {
        SeedLoader.inProcess(ready.getApplicationContext(), settings.concurrency()).load();
    }
}
