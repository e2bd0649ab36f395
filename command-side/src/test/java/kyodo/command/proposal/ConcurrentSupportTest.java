package kyodo.command.proposal;

import kyodo.command.proposal.support.SupportPolicy;
import kyodo.command.proposal.support.SupportProposal;
import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.personal.SealedPersonalData;
import kyodo.kernel.problem.KyodoProblemException;
import kyodo.kernel.proposal.ProposalChannel;
import kyodo.kernel.proposal.ProposalProgramme;
import kyodo.kernel.proposal.ProposalSupported;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.Configuration;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.config.DefaultConfigurer;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.SimpleDeadlineManager;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Twenty supports of one resident sent at once give exactly one support: the aggregate's lock makes each
 * see the ones before it (issue 17), on a real command bus and event store rather than a fixture.
 */
class ConcurrentSupportTest {

    private static final Instant AT = Instant.parse("2025-06-10T05:00:00Z");

    private Configuration axon;
    private final ExecutorService senders = Executors.newFixedThreadPool(20);

    @BeforeEach
    void start() {
        axon = DefaultConfigurer.defaultConfiguration(false)
                .configureEmbeddedEventStore(c -> new InMemoryEventStorageEngine())
                .configureAggregate(Proposal.class)
                .registerComponent(ResponseDuePolicy.class, c -> new ResponseDuePolicy(30, Map.of()))
                .registerComponent(SupportPolicy.class, c -> new SupportPolicy(50, Map.of(), 30))
                .registerComponent(DeadlineManager.class, c -> SimpleDeadlineManager.builder()
                        .scopeAwareProvider(new ConfigurationScopeAwareProvider(c)).build())
                .buildConfiguration();
        axon.start();
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
        axon.shutdown();
    }

    @Test
    void twentyParallelSupportsOfOneResidentGiveExactlyOne() throws Exception {
        CommandGateway gateway = axon.commandGateway();
        gateway.sendAndWait(new SubmitProposal("p-1", Ward.SAIWAI, "駅前の駐輪場", "足りません", List.of("交通"),
                ProposalProgramme.CITIZEN_PROPOSAL, ProposalChannel.WEB,
                new SealedPersonalData("subject-1", SealedPersonalData.AES_256_GCM, "bm9uY2U=", "Y2lwaGVy"), AT));
        CountDownLatch ready = new CountDownLatch(20);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> answers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            answers.add(senders.submit(() -> {
                ready.countDown();
                go.await();
                try {
                    gateway.sendAndWait(new SupportProposal("p-1", "pseudonym-a", Ward.SAIWAI, AT,
                            new StaffRef("resident", "RESIDENT")));
                    return "supported";
                } catch (KyodoProblemException refused) {
                    return refused.type().slug();
                }
            }));
        }
        assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
        go.countDown();
        List<String> outcomes = new ArrayList<>();
        for (Future<String> answer : answers) {
            outcomes.add(answer.get(60, TimeUnit.SECONDS));
        }

        assertThat(outcomes).containsOnlyOnce("supported");
        assertThat(outcomes).filteredOn("proposal-already-supported"::equals).hasSize(19);
        List<Object> supports = axon.eventStore().readEvents("p-1").asStream().map(EventMessage::getPayload)
                .filter(ProposalSupported.class::isInstance).map(Object.class::cast).toList();
        assertThat(supports).containsExactly(new ProposalSupported("p-1", "pseudonym-a", 1, AT));
    }
}
