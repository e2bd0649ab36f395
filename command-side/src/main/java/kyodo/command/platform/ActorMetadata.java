package kyodo.command.platform;

import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Every event carries, in its metadata, the staff id and role of whoever sent the command that
 * caused it: the audit trail publishes the role, staff views may show the id.
 */
@Configuration(proxyBeanMethods = false)
public class ActorMetadata {

    public static final String STAFF_ID = "staffId";
    public static final String ROLE = "role";

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(STAFF_ID, ROLE);
    }
}
