package kyodo.command;

import kyodo.kernel.StoreInUse;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The command side alone: aggregates and the command API. The all-in-one app in {@code ops} is
 * the usual way to run kyodo; this one is for a split deployment on Axon Server.
 */
@SpringBootApplication
public class CommandSideApplication {

    public static void main(String[] args) {
        // kyodo never calls home: set before any Axon class is loaded.
        System.setProperty("axoniq.update-checker.disabled", "true");
        // nor advertises AxonIQ Console on every start (as KyodoApplication)
        System.setProperty("disable-axoniq-console-message", "true");
        ConfigurableApplicationContext context = SpringApplication.run(CommandSideApplication.class, args);
        LoggerFactory.getLogger(CommandSideApplication.class)
                .info(StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
    }
}
