package kyodo.command.proposal;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Binds the proposal settings ({@link ResponseDuePolicy}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ResponseDuePolicy.class)
class ProposalConfiguration {
}
