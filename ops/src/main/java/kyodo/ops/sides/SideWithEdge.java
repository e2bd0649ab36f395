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
import org.springframework.core.annotation.AliasFor;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * What a launcher of one side behind the edge ({@link Side}) is: a Spring Boot configuration that scans
 * the side's packages and {@code kyodo.ops}, but no other launcher and none of the pages that need both
 * sides.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@SpringBootConfiguration
@EnableAutoConfiguration
@ConfigurationPropertiesScan("kyodo.ops")
@ComponentScan(excludeFilters = {
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = TypeExcludeFilter.class),
        @ComponentScan.Filter(type = FilterType.CUSTOM, classes = AutoConfigurationExcludeFilter.class),
        // the side's own launcher, the all-in-one app and the other side's launcher would each scan all
        @ComponentScan.Filter(type = FilterType.ANNOTATION, classes = SpringBootApplication.class),
        @ComponentScan.Filter(type = FilterType.ASSIGNABLE_TYPE,
                classes = {KyodoApplication.class, CommandSideWithEdge.class, QuerySideWithEdge.class}),
        // the staff console's and the residents' pages send commands and read the read models: they need
        // both sides (and the residents' mail goes with them)
        @ComponentScan.Filter(type = FilterType.REGEX, pattern = "kyodo\\.ops\\.(console|resident|mail)\\..*")})
@interface SideWithEdge {

    /** The packages to scan: the side's own and {@code kyodo.ops}. */
    @AliasFor(annotation = ComponentScan.class, attribute = "basePackages")
    String[] value();
}
