package kyodo.ops.resident.follow;

import kyodo.ops.mail.Outbox;
import kyodo.ops.resident.ResidentDirectory;
import kyodo.ops.startup.OpsStores;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.project.ProjectViews;
import kyodo.query.proposal.ProposalViews;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.gateway.EventGateway;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import org.springframework.core.env.Environment;

import java.time.Clock;
import java.time.Duration;

/**
 * Follows and notifications (issue 17): the follows' store, the notifier's processor, the daily
 * digest, and the texts of their pages and mail ({@code i18n/resident-follow_*}, keys starting with
 * {@code follow.}) in the portal's message source as a bundle of their own.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FollowSettings.class)
class FollowConfiguration {

    static final String BUNDLE = "i18n/resident-follow";
    /** The notifier's batch: as the read models' {@code kyodo.projections.batch-size} default. */
    static final int NOTIFIER_BATCH = 100;
    /** How often the notifier's position is written while it is busy ({@link DeferredPosition}). */
    static final Duration NOTIFIER_POSITION_EVERY = Duration.ofSeconds(1);

    FollowConfiguration(ResourceBundleMessageSource portalMessages) {
        portalMessages.addBasenames(BUNDLE);
    }

    @Bean(destroyMethod = "close")
    Follows follows(FollowSettings settings, Environment env) {
        return new Follows(OpsStores.url(settings.storeUrl(), env, OpsStores.FOLLOWS));
    }

    @Bean
    NotificationMails notificationMails(Outbox outbox, ResourceBundleMessageSource portalMessages,
                                        ResidentDirectory residents, FollowSettings settings) {
        return new NotificationMails(outbox, portalMessages, residents, settings);
    }

    @Bean
    Notifier notifier(Follows follows, NotificationMails mails, ResidentDirectory residents, Clock clock) {
        return new Notifier(follows, mails, residents, clock);
    }

    @Bean
    Digests digests(Follows follows, NotificationMails mails, ResidentDirectory residents, FollowSettings settings,
                    Clock clock, Environment env) {
        Digests digests = new Digests(follows, mails, residents, settings, clock);
        digests.startedWith(env);
        return digests;
    }

    @Bean
    FollowDesk followDesk(Follows follows, EventGateway events, ProposalViews proposals, MeetingViews meetings,
                          ProjectViews projects, ResidentDirectory residents, Clock clock) {
        return new FollowDesk(follows, events, proposals, meetings, projects, residents, clock);
    }

    /**
     * The notifier's processor. A failed notification (the outbox or the follows' store unreachable) fails
     * its batch, which the processor retries from its stored position: nothing is skipped (Axon's default
     * would log and move on). It handles up to {@link #NOTIFIER_BATCH} events per transaction: its position
     * lives in the event store's token table, and with Axon's default of one event per batch every event
     * cost a commit of the event store's file of its own, beside the commands' own (issue 13: 7 % of the
     * server's CPU samples in an answer run, most of it those commits). Every write of the notifier is
     * idempotent, so re-handling a retried batch's earlier events tells nobody twice. For the same reason its
     * position is written at most once per {@link #NOTIFIER_POSITION_EVERY} while it is busy
     * ({@link DeferredPosition}): under a steady load its batches hold a few events each, and a commit of the
     * event store's file per batch was still 3.3 ms of CPU per answer.
     */
    @Bean
    ConfigurerModule notifierProcessing() {
        return configurer -> configurer.eventProcessing(processing -> processing
                .registerTokenStore(Notifier.GROUP, c -> new DeferredPosition(c.getComponent(TokenStore.class),
                        NOTIFIER_POSITION_EVERY, Clock.systemUTC()))
                .registerListenerInvocationErrorHandler(Notifier.GROUP, c -> PropagatingErrorHandler.instance())
                .registerTrackingEventProcessorConfiguration(Notifier.GROUP, c -> TrackingEventProcessorConfiguration
                        .forSingleThreadedProcessing().andBatchSize(NOTIFIER_BATCH)));
    }
}
