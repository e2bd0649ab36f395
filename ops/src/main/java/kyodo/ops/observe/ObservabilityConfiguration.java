package kyodo.ops.observe;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import kyodo.command.platform.CommandWorkers;
import kyodo.ops.cli.ProcessorProgress;
import kyodo.query.audit.DecisionLog;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.ConfigurerModule;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * What an operator's Prometheus scrapes from {@code /actuator/prometheus} (signed in as ANALYST or
 * ADMIN), besides the JVM's and the HTTP server's own meters: command latencies by type
 * ({@link CommandTimings}), each processing group's lag behind the event store
 * ({@code kyodo_processor_lag_events{group=…}}) and the decision log's length
 * ({@code kyodo_decision_log_entries}, where the query side runs), commands answered 503 or 504 by the
 * command threads ({@code kyodo_commands_withdrawn_total{reason}}, {@code kyodo_commands_outcome_unknown_total})
 * and their work waiting and running ({@code kyodo_command_work_waiting}, {@code kyodo_command_work_running},
 * where the command side runs); and the {@code processors} part of
 * {@code /actuator/health} ({@link ProcessorHealth}). Each side apart reports what it runs.
 */
@Configuration(proxyBeanMethods = false)
public class ObservabilityConfiguration {

    @Bean
    ConfigurerModule commandTimings(MeterRegistry registry) {
        CommandTimings timings = new CommandTimings(registry);
        return configurer -> configurer.configureMessageMonitor(CommandBus.class,
                (configuration, componentType, componentName) -> timings);
    }

    @Bean
    ProcessorLag processorLag(ApplicationContext context) {
        return new ProcessorLag(() -> ProcessorProgress.of(context));
    }

    @Bean
    ProcessorHealth processorsHealthIndicator(ProcessorLag lag, HealthSettings settings) {
        return new ProcessorHealth(lag, settings);
    }

    /** The gauges that read the started platform, registered once Axon's processors exist. */
    @EventListener(ApplicationReadyEvent.class)
    void gauges(ApplicationReadyEvent ready) {
        ApplicationContext context = ready.getApplicationContext();
        MeterRegistry registry = context.getBean(MeterRegistry.class);
        ProcessorLag lag = context.getBean(ProcessorLag.class);
        for (String group : lag.groups()) {
            Gauge.builder("kyodo.processor.lag", lag, l -> l.lag(group)).tag("group", group).baseUnit("events")
                    .description("Events the processing group has yet to handle").register(registry);
        }
        context.getBeanProvider(CommandWorkers.class).ifAvailable(workers -> commandWork(registry, workers));
        ObjectProvider<DecisionLog> decisionLog = context.getBeanProvider(DecisionLog.class);
        decisionLog.ifAvailable(log -> Gauge.builder("kyodo.decision.log", log, DecisionLog::size).baseUnit("entries")
                .description("Entries in the decision log").register(registry));
    }

    /**
     * Commands that never reached the bus (so are not in its timings) and those whose outcome was not known in
     * time, by why ({@link CommandWorkers.Counts}); and the command threads' work waiting and running now.
     */
    private static void commandWork(MeterRegistry registry, CommandWorkers workers) {
        Map<String, ToDoubleFunction<CommandWorkers>> ends = Map.of(
                "not-started-in-time", w -> w.counts().notStartedInTime(),
                "client-gone", w -> w.counts().clientGone(),
                "queue-full", w -> w.counts().queueFull());
        ends.forEach((reason, count) -> FunctionCounter.builder("kyodo.commands.withdrawn", workers, count)
                .tag("reason", reason).description("Commands answered 503 before they started: nothing changed")
                .register(registry));
        FunctionCounter.builder("kyodo.commands.outcome.unknown", workers, w -> w.counts().outcomeUnknown())
                .description("Started commands answered 504: not finished within kyodo.command.outcome-wait")
                .register(registry);
        Gauge.builder("kyodo.command.work.waiting", workers, w -> w.counts().waiting())
                .description("Command-side work waiting for a thread").register(registry);
        Gauge.builder("kyodo.command.work.running", workers, w -> w.counts().running())
                .description("Command threads running work").register(registry);
    }
}
