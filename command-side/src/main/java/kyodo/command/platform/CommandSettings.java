package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How commands are run ({@code kyodo.command.*}). The default number of threads is set with the
 * pools it sizes ({@link CommandSideDefaults}).
 *
 * @param timeout     how long a command may wait for a thread: one not started by then is withdrawn, never runs, and is answered 503 (nothing changed)
 * @param threads     the threads that run commands' blocking work (48); the event store's and the key vault's connection pools follow it
 * @param queue       commands that may wait for a thread before more are refused with a 503
 * @param outcomeWait how long a client waits for a command that has started, from its start, before a 504 says its outcome is unknown (Axon interrupts a unit of work at 60 s)
 */
@ConfigurationProperties("kyodo.command")
public record CommandSettings(@DefaultValue("10s") Duration timeout, Integer threads,
                              @DefaultValue("10000") int queue, @DefaultValue("75s") Duration outcomeWait) {

    public CommandSettings {
        if (threads == null) {
            throw new IllegalArgumentException("kyodo.command.threads is not set");
        }
    }
}
