package kyodo.ops.resident.follow;

import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The notifier's processor handles up to {@link #BATCH} events per transaction. Its position lives in
 * the event store's token table, and with Axon's default of one event per batch every event cost a
 * commit of the event store's file of its own, beside the commands' own (issue 13: 7 % of the server's
 * CPU samples in an answer run, most of it those commits). A failed batch is retried from the stored
 * position as before; every write of the notifier is idempotent, so re-handling its earlier events
 * tells nobody twice.
 */
@Configuration(proxyBeanMethods = false)
class NotifierProcessing {

    /** As the read models' {@code kyodo.projections.batch-size} default. */
    static final int BATCH = 100;

    @Bean
    ConfigurerModule notifierBatches() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTrackingEventProcessorConfiguration(Notifier.GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing().andBatchSize(BATCH)));
    }
}
