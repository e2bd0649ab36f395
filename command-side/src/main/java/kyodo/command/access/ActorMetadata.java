package kyodo.command.access;

import kyodo.kernel.StaffRef;
import org.axonframework.messaging.MetaData;
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
    /**
     * The ward scope of the signed-in actor who sent a command from the HTTP edge: a ward code, or
     * {@code *} for city-wide. Present only on commands from the edge, which the command side checks
     * against the subject's ward; commands that policies send in reaction to an event carry none and
     * are not checked again. Never copied onto events.
     */
    public static final String WARD_SCOPE = "wardScope";

    /** The metadata that records who sent a command: their id and role, never their ward scope. */
    public static MetaData of(StaffRef sender) {
        return MetaData.with(STAFF_ID, sender.staffId()).and(ROLE, sender.role());
    }

    @Bean
    CorrelationDataProvider actorCorrelation() {
        return new SimpleCorrelationDataProvider(STAFF_ID, ROLE);
    }
}
