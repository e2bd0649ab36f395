package kyodo.ops.cli;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.export.*}: the {@code export} command.
 *
 * @param catchUpTimeout how long {@code export} waits for the read models to catch up with the event
 *                       store before it gives up and writes nothing
 */
@ConfigurationProperties("kyodo.export")
public record ExportSettings(@DefaultValue("10m") Duration catchUpTimeout) {
}
