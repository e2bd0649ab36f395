package kyodo.query;

import kyodo.kernel.StoreInUse;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query side alone: projections and the read API. The all-in-one app in {@code ops} is the
 * usual way to run kyodo; this one is for a split deployment (Axon Server and MongoDB).
 */
@SpringBootApplication
public class QuerySideApplication {

    public static void main(String[] args) {
        // kyodo never calls home: set before any Axon class is loaded.
        System.setProperty("axoniq.update-checker.disabled", "true");
        // nor advertises AxonIQ Console on every start (as KyodoApplication)
        System.setProperty("disable-axoniq-console-message", "true");
        ConfigurableApplicationContext context = SpringApplication.run(QuerySideApplication.class, args);
        LoggerFactory.getLogger(QuerySideApplication.class)
                .info(StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
    }
}
