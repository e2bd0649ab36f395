package kyodo.ops.observe;

import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code processors} part of {@code /actuator/health}: UP while every processing group is within
 * {@code kyodo.health.lag-threshold} events of the event store's head, else {@link #DEGRADED} with the
 * groups behind and their lag. DEGRADED is answered 200: the process is alive and serves, its reads
 * are older than they should be, and restarting it would not help (a balancer must keep it).
 */
public class ProcessorHealth extends AbstractHealthIndicator {

    /** A process that serves, with read models (or policies) further behind than the threshold. */
    public static final Status DEGRADED = new Status("DEGRADED", "a processing group is behind the event store");

    private final ProcessorLag lag;
    private final HealthSettings settings;

    public ProcessorHealth(ProcessorLag lag, HealthSettings settings) {
        super("the processors' lag could not be measured");
        this.lag = lag;
        this.settings = settings;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        Map<String, Long> lags = lag.lags();
        Map<String, Long> behind = new TreeMap<>();
        lags.forEach((group, events) -> {
            if (events > settings.lagThreshold()) {
                behind.put(group, events);
            }
        });
        builder.status(behind.isEmpty() ? Status.UP : DEGRADED)
                .withDetail("lagThreshold", settings.lagThreshold())
                .withDetail("lag", lags);
        if (!behind.isEmpty()) {
            builder.withDetail("behind", behind);
        }
    }
}
