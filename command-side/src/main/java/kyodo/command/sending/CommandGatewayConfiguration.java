package kyodo.command.sending;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.callbacks.NoOpCallback;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The command gateway every sender of this package uses (ADR 19: the one place that sends commands). */
@Configuration(proxyBeanMethods = false)
class CommandGatewayConfiguration {

    /**
     * Axon's gateway as Axon's auto-configuration builds it, less its own logging: by default it logs a
     * WARN for every command that fails, a rule's ordinary refusal (409, 403, 412) included, which
     * filled the console with a line per refused request (issue 20). Every sender handles the failure
     * itself: the HTTP edge answers it as a problem and {@code ProblemLog} logs it as its status says
     * (ADR 16); a policy logs its own refusals ({@link PolicyCommands}).
     */
    @Bean
    CommandGateway commandGateway(CommandBus commandBus) {
        return DefaultCommandGateway.builder().commandBus(commandBus).commandCallback(NoOpCallback.INSTANCE).build();
    }
}
