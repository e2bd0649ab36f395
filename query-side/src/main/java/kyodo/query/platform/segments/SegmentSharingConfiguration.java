package kyodo.query.platform.segments;

import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Serving query processes share each processing group's segments (ADR 27): the {@link SegmentBalancer} caps
 * every query-side processor ({@code ReadModelStoreConfiguration} hands it to their builders) and beats every
 * {@code kyodo.projections.sharing.heartbeat-interval}. Only a serving process takes part: a command of the jar
 * ({@code audit verify}, {@code projections replay}; no web server) runs its processors uncapped for as long as
 * it runs, on whatever segments the servers leave free, and never makes a server hand its segments over.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
@EnableConfigurationProperties(SegmentSharingSettings.class)
class SegmentSharingConfiguration {

    @Bean
    SegmentBalancer segmentBalancer(ReadStore store, SegmentSharingSettings settings,
                                    ObjectProvider<EventProcessingConfiguration> processing) {
        // the name the token store's claims carry ("pid@host"), so that an operator matches heartbeats and claims;
        // the system clock, as the claims' (heartbeats are compared across processes)
        return new SegmentBalancer(new QueryProcesses(store), ManagementFactory.getRuntimeMXBean().getName(),
                settings.peerTimeout(), Clock.systemUTC(), new SegmentBalancer.Processors() {
            @Override
            public int held(String group) {
                return processing.getObject().eventProcessor(group, StreamingEventProcessor.class)
                        .map(processor -> processor.processingStatus().size()).orElse(0);
            }

            @Override
            public int segments(String group) {
                return processing.getObject().tokenStore(group).fetchSegments(group).length;
            }
        });
    }

    /**
     * Beats from when everything else has started (the processors are running: a heartbeat promises that this
     * process claims its share) until it stops, when it stops first and takes its heartbeat away.
     */
    @Bean
    SmartLifecycle segmentSharing(SegmentBalancer balancer, SegmentSharingSettings settings) {
        return new SmartLifecycle() {
            private ScheduledExecutorService beats;

            @Override
            public synchronized void start() {
                beats = Executors.newSingleThreadScheduledExecutor(task -> {
                    Thread thread = new Thread(task, "segment-balancer");
                    thread.setDaemon(true);
                    return thread;
                });
                beats.execute(balancer::join);
                long interval = settings.heartbeatInterval().toMillis();
                beats.scheduleWithFixedDelay(balancer::beat, interval, interval, TimeUnit.MILLISECONDS);
            }

            @Override
            public synchronized void stop() {
                // no interrupt: a beat under way finishes its write
                beats.shutdown();
                try {
                    beats.awaitTermination(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                beats = null;
                balancer.leave();
            }

            @Override
            public synchronized boolean isRunning() {
                return beats != null;
            }
        };
    }
}
