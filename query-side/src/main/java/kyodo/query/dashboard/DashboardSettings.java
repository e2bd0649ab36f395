package kyodo.query.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The public dashboard's settings, {@code kyodo.dashboard.*}.
 *
 * @param pollInterval how often the live figures are checked for a change
 * @param stream       the live stream of figures
 */
@ConfigurationProperties("kyodo.dashboard")
public record DashboardSettings(@DefaultValue("1s") Duration pollInterval, @DefaultValue Stream stream) {

    /**
     * The live stream of figures, {@code kyodo.dashboard.stream.*}.
     *
     * @param heartbeat a comment line is sent this often to keep the connection open
     */
    public record Stream(@DefaultValue("15s") Duration heartbeat) {
    }
}
