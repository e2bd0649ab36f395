package kyodo.ops.demo;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.demo.*}: the demo and seed dataset, loaded through the app's own command API.
 *
 * @param load           whether the server loads the demo and seed dataset once it serves
 * @param concurrency    how many generated projects the server's demo load sends at once
 * @param catchUpTimeout how long {@code demo load} waits for the read models to catch up before it
 *                       exits (they continue at the next start)
 */
@ConfigurationProperties("kyodo.demo")
public record DemoSettings(@DefaultValue("false") boolean load,
                           @DefaultValue("6") int concurrency,
                           @DefaultValue("300s") Duration catchUpTimeout) {
}
