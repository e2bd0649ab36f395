package kyodo.ops;

import kyodo.kernel.StoreInUse;
import kyodo.ops.cli.KyodoCli;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * kyodo all-in-one: the command side and the query side in one JVM, the default way to run the
 * platform. With no configuration it runs on the embedded stores under {@code ./data}
 * ({@code KYODO_DATA_DIR} to move it). A command line that starts with a command word runs that
 * command instead ({@link KyodoCli}: {@code demo load}, {@code projections replay}, {@code audit …}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ComponentScan(basePackages = "kyodo", excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the sides' own launchers would scan and configure a second time
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class)})
public class KyodoApplication {

    private static final Logger log = LoggerFactory.getLogger(KyodoApplication.class);

    /**
     * Starts the platform, or runs a command ({@code demo load}, {@code projections replay},
     * {@code audit verify}, {@code audit check --url …}, {@code help}) and exits with its status.
     */
    public static void main(String[] args) {
        if (KyodoCli.isCommand(args)) {
            System.exit(KyodoCli.run(System.out, System.err, args));
        }
        start(args);
    }

    /** Starts the platform and logs where its data lives and where it listens. */
    public static ConfigurableApplicationContext start(String... args) {
        // kyodo never calls home: set before any Axon class is loaded.
        System.setProperty("axoniq.update-checker.disabled", "true");
        ConfigurableApplicationContext context = SpringApplication.run(KyodoApplication.class, args);
        log.info(StoreInUse.summary(context.getBeansOfType(StoreInUse.class).values()));
        if (context instanceof WebServerApplicationContext web) {
            log.info("kyodo is serving at http://localhost:{}/ (API docs: /swagger-ui.html)",
                    web.getWebServer().getPort());
        }
        return context;
    }
}
