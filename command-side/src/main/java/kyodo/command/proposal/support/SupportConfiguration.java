package kyodo.command.proposal.support;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the support settings ({@link SupportPolicy}), which the proposal aggregate takes with a support. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SupportPolicy.class)
class SupportConfiguration {
}
