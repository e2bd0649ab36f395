package kyodo.ops.sides;

import kyodo.command.platform.CompactionSettings;
import kyodo.ops.KyodoApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationExcludeFilter;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;

/**
 * The query side alone behind the edge ({@code --kyodo.side=query}): projections, the read API and
 * the portal, with the sign-in, roles, ward scope, headers and limits of {@code kyodo.ops.security},
 * so that {@code /api} and {@code /analytics} are never served to the anonymous public; no
 * aggregate or command API. Events of other processes reach it through Axon Server.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("kyodo.ops")
@ComponentScan(basePackages = {"kyodo.query", "kyodo.ops"}, excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the side's own launcher, the all-in-one app and the other side's launcher would each scan all
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {KyodoApplication.class, CommandSideWithEdge.class}),
        // the staff console's and the residents' pages send commands and read the read models: they need
        // both sides (and the residents' mail goes with them)
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "kyodo\\.ops\\.(console|resident|mail)\\..*")})
// the command side's storage auto-configuration (the embedded event store's schema and upkeep, the key
// vault that personal data is read through) is on the class path, and binds its settings from here
@EnableConfigurationProperties(CompactionSettings.class)
public class QuerySideWithEdge {
}
