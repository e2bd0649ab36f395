package kyodo.ops.connector;

import io.axoniq.axonserver.grpc.command.Command;
import io.axoniq.axonserver.grpc.command.CommandResponse;
import org.axonframework.axonserver.connector.AxonServerConfiguration;
import org.axonframework.axonserver.connector.command.CommandSerializer;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandCallback;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.CommandResultMessage;
import org.axonframework.commandhandling.callbacks.LoggingCallback;
import org.axonframework.common.Registration;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.MessageHandler;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import javax.annotation.Nonnull;

/**
 * A command bus that does to every command and every result what Axon Server's connector does
 * between two nodes, without a server: the command is written into the connector's gRPC
 * {@code Command} with its own {@link CommandSerializer} (the app's message serializer) and read back
 * on the "handling node" (this node's local segment); the result, value or failure, is written into a
 * {@code CommandResponse} and read back as the sending node reads it. A failure arrives as the
 * connector makes it: its class lost, only the message, the error code and the details of a
 * {@code HandlerExecutionException} that had them. Active under the {@code connector-bus} profile,
 * which the ITs of refusals run under a second time ({@code kyodo.it.command-bus=connector}).
 */
@Component
@Primary
@Profile("connector-bus")
class OverTheConnectorCommandBus implements CommandBus {

    private final CommandBus handlingNode;
    private final CommandSerializer connector;

    OverTheConnectorCommandBus(@Qualifier("localSegment") CommandBus localSegment,
                               @Qualifier("messageSerializer") Serializer messageSerializer) {
        this.handlingNode = localSegment;
        AxonServerConfiguration configuration = new AxonServerConfiguration();
        configuration.setComponentName("kyodo-test");
        configuration.setClientId("kyodo-test");
        this.connector = new CommandSerializer(messageSerializer, configuration);
    }

    @Override
    public <C> void dispatch(@Nonnull CommandMessage<C> command) {
        dispatch(command, LoggingCallback.INSTANCE);
    }

    @Override
    public <C, R> void dispatch(@Nonnull CommandMessage<C> command,
                                @Nonnull CommandCallback<? super C, ? super R> callback) {
        // the routing key only picks a node; there is one
        Command sent = connector.serialize(command, command.getIdentifier(), 0);
        handlingNode.dispatch(connector.deserialize(sent), (handled, result) -> {
            CommandResponse response = connector.serialize(result, sent.getMessageIdentifier());
            CommandResultMessage<R> received = connector.deserialize(response);
            callback.onResult(command, received);
        });
    }

    @Override
    public Registration subscribe(@Nonnull String commandName,
                                  @Nonnull MessageHandler<? super CommandMessage<?>> handler) {
        return handlingNode.subscribe(commandName, handler);
    }

    @Override
    public Registration registerHandlerInterceptor(
            @Nonnull MessageHandlerInterceptor<? super CommandMessage<?>> handlerInterceptor) {
        return handlingNode.registerHandlerInterceptor(handlerInterceptor);
    }

    @Override
    public Registration registerDispatchInterceptor(
            @Nonnull MessageDispatchInterceptor<? super CommandMessage<?>> dispatchInterceptor) {
        return handlingNode.registerDispatchInterceptor(dispatchInterceptor);
    }
}
