package kyodo.command.sending;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandBusSpanFactory;
import org.axonframework.commandhandling.DuplicateCommandHandlerResolver;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.messaging.interceptors.CorrelationDataInterceptor;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The bus that handles this node's commands, alone or behind Axon Server. */
@Configuration(proxyBeanMethods = false)
class LocalSegmentConfiguration {

    /**
     * Set up as Axon's default local bus (which stands back for it), but keeping refusals found at
     * commit as problems ({@link ProblemKeepingCommandBus}). Behind Axon Server it is the local
     * segment the server's commands are handed to.
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
