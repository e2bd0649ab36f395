package kyodo.ops.sides;

import kyodo.ops.KyodoApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The command side alone behind the edge ({@code --kyodo.side=command}): aggregates, the command
 * API, and the sign-in, roles, ward scope, headers and limits of {@code kyodo.ops.security}; no
 * projection, read API or portal. Commands of other processes reach it through Axon Server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("kyodo.ops")
@ComponentScan(basePackages = {"kyodo.command", "kyodo.ops"}, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the side's own launcher, the all-in-one app and the other side's launcher would each scan all
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {KyodoApplication.class, QuerySideWithEdge.class}),
        // the staff console's and the residents' pages send commands and read the read models: they need
        // both sides (and the residents' mail goes with them)
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "kyodo\\.ops\\.(console|resident|mail)\\..*")})
public class CommandSideWithEdge {
}
