package kyodo.command.platform;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How commands are run ({@code kyodo.command.*}). The default number of threads is set with the
 * pools it sizes ({@link CommandSideDefaults}).
 *
 * @param timeout how long a client waits for a command's answer before a 503 tells it to retry
 * @param threads the threads that run commands' blocking work (48); the event store's and the key vault's connection pools follow it
 * @param queue   commands that may wait for a thread before more are refused with a 503
 */
@ConfigurationProperties("kyodo.command")
public record CommandSettings(@DefaultValue("10s") Duration timeout, Integer threads,
                              @DefaultValue("10000") int queue) {

    public CommandSettings {
        if (threads == null) {
            throw new IllegalArgumentException("kyodo.command.threads is not set");
        }
    }
}
