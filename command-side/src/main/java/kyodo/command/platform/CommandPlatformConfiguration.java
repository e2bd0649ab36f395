package kyodo.command.platform;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Binds the command side's platform settings and sets up its own event processors (the policies). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({CommandSettings.class, DecisionSettings.class, CompactionSettings.class})
class CommandPlatformConfiguration {

    /**
     * A policy's handler that fails fails its batch, which the processor retries (its handlers are
     * idempotent): Axon's default would log the failure and move on, and a terminated project's funds
     * would never return. A rule's refusal is not a failure: the policy takes it as final
     * ({@code sending.PolicyCommands}).
     */
    @Bean
    ConfigurerModule policiesRetryWhatFails() {
        return configurer -> configurer.eventProcessing(processing -> CommandSideDefaults.POLICIES.forEach(policy ->
                processing.registerListenerInvocationErrorHandler(policy, c -> PropagatingErrorHandler.instance())));
    }
}
