package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How the embedded H2 files are kept compact while they are written ({@code kyodo.embedded-files.*},
 * {@link EmbeddedFileCompaction}).
 *
 * @param compactionInterval how often the event store and key vault files are forced to the device and compacted a step; zero turns it off; stays below H2's two-second retention time
 */
@ConfigurationProperties("kyodo.embedded-files")
public record CompactionSettings(@DefaultValue("1s") Duration compactionInterval) {
}
