package kyodo.ops.observe;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * How {@code /actuator/health} reads, below anything the operator sets: DEGRADED ranks between DOWN and
 * UP (Spring Boot would rank an unknown status above DOWN) and is answered 200; everyone sees the
 * status of each part, only ANALYST and ADMIN see their details (the lag of each processing group, the
 * databases), as they see the metrics.
 */
public class ObservabilityDefaults implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "kyodoObservabilityDefaults";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment env, SpringApplication application) {
        if (env.getPropertySources().contains(SOURCE)) {
            return;
        }
        env.getPropertySources().addLast(new MapPropertySource(SOURCE, Map.of(
                "management.endpoint.health.status.order", "DOWN,OUT_OF_SERVICE,DEGRADED,UP,UNKNOWN",
                "management.endpoint.health.status.http-mapping.degraded", "200",
                "management.endpoint.health.show-components", "always",
                "management.endpoint.health.show-details", "when-authorized",
                "management.endpoint.health.roles", "ANALYST,ADMIN")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
