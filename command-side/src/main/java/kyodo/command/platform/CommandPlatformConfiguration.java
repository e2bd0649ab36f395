package kyodo.command.platform;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the command side's platform settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CommandSettings.class, DecisionSettings.class, CompactionSettings.class})
class CommandPlatformConfiguration {
}
