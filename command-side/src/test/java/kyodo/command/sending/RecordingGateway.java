package kyodo.command.sending;

import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;

/**
 * A command gateway for policy tests: records what {@code sendAndWait} is given and answers
 * {@code answer}, or throws the failure set with {@link #failWith}. Any other method is unsupported.
 */
public final class RecordingGateway {

    /** What was sent, in order. */
    public final List<CommandMessage<?>> sent = new ArrayList<>();
    private final CommandGateway gateway;
    private RuntimeException failure;

    public RecordingGateway(Object answer) {
        this.gateway = (CommandGateway) Proxy.newProxyInstance(RecordingGateway.class.getClassLoader(),
                new Class<?>[]{CommandGateway.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("sendAndWait")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    sent.add((CommandMessage<?>) args[0]);
                    if (failure != null) {
                        throw failure;
                    }
                    return answer;
                });
    }

    /** From now on every command fails with it. */
    public void failWith(RuntimeException failure) {
        this.failure = failure;
    }

    /** Policy commands sent through this gateway. */
    public PolicyCommands commands() {
        return new PolicyCommands(gateway);
    }
}
