package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the event store kyodo builds on the JDBC engine is kept ({@code kyodo.event-store.*}); with Axon
 * Server, Axon's own store stands and this is not read.
 *
 * @param cachedEvents the latest events the store keeps in memory for the processors that follow its head (Axon's default, 10,000, held ~13 MB of heap at 10⁶ events); a processor further behind reads them from the store itself
 */
@ConfigurationProperties("kyodo.event-store")
public record EventStoreSettings(@DefaultValue("1000") int cachedEvents) {

    public EventStoreSettings {
        if (cachedEvents < 1) {
            throw new IllegalArgumentException("kyodo.event-store.cached-events must be at least 1, not " + cachedEvents);
        }
    }
}
