package kyodo.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
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

    /**
     * Axon's gateway as Axon's auto-configuration builds it, less its own logging: by default it logs a
     * WARN for every command that fails, a rule's ordinary refusal (409, 403, 412) included, which
     * filled the console with a line per refused request. Every sender handles the failure itself: the
     * HTTP edge answers it as a problem and {@code ProblemLog} logs it as its status says (ADR 16); a
     * policy logs its own refusals ({@code PolicyCommands}).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).commandCallback(NoOpCallback.INSTANCE).build();
    }
}
