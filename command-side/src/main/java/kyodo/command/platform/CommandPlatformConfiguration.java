package kyodo.command.platform;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Binds the command side's platform settings, sets up its own event processors (the policies) and
 * the bus that handles commands on this node.
 */
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
     * The bus that handles this node's commands, set up as Axon's default one (which stands back for
     * it) but keeping refusals found at commit as problems ({@link ProblemKeepingCommandBus}). Behind
     * Axon Server it is the local segment the server's commands are handed to.
     */
    @Bean
    @Qualifier("localSegment")
    SimpleCommandBus localSegment(TransactionManager transactions, org.axonframework.config.Configuration axon,
                                  DuplicateCommandHandlerResolver duplicates) {
        SimpleCommandBus bus = new ProblemKeepingCommandBus(SimpleCommandBus.builder()
                .transactionManager(transactions)
                .duplicateCommandHandlerResolver(duplicates)
                .spanFactory(axon.getComponent(CommandBusSpanFactory.class))
                .messageMonitor(axon.messageMonitor(CommandBus.class, "commandBus")));
        bus.registerHandlerInterceptor(new CorrelationDataInterceptor<>(axon.correlationDataProviders()));
        return bus;
    }
}
