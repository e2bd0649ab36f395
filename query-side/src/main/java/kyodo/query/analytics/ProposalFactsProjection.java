package kyodo.query.analytics;

import kyodo.kernel.FiscalYear;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.proposal.ProposalAccepted;
import kyodo.kernel.proposal.ProposalAcknowledged;
import kyodo.kernel.proposal.ProposalRejected;
import kyodo.kernel.proposal.ProposalResponseOverdue;
import kyodo.kernel.proposal.ProposalSubmitted;
import kyodo.kernel.proposal.ProposalSupportCount;
import kyodo.kernel.proposal.ProposalWithdrawn;
import kyodo.query.platform.store.ReadStore;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.bson.Document;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeSet;

/**
 * The facts behind {@code proposals/summary}: one document per proposal in
 * {@code analytics_proposal_facts} with its ward, fiscal year of submission, themes, programme and
 * channel, whether it was acknowledged, its answer and the days it took, withdrawal, whether it
 * is overdue now, and how many residents support it (and its band). Never the proposer, its text, who
 * acted or who supports it.
 * <p>
 * Replay-safe: the submission creates the document once; every later event applies only if its
 * aggregate sequence number is above the document's {@code version}, which it then becomes.
 * <p>
 * Its cells, kept in the same batch and in one segment as every {@link FactProjection}'s: {@code analytics_proposal_cells}.
 */
@Component
@ProcessingGroup(ProposalFactsProjection.GROUP)
class ProposalFactsProjection extends FactProjection {

    static final String GROUP = "analytics-proposal-facts";

    ProposalFactsProjection(ReadStore store) {
        super(store, AnalyticsCatalogue.PROPOSALS, List.of("ward", "fiscalYear", "programme", "themes"));
    }

    @EventHandler
    void on(ProposalSubmitted event, @SequenceNumber long sequence) {
        LocalDate submittedOn = event.submittedAt().atZone(FiscalYear.TOKYO).toLocalDate();
        create(new Document("_id", event.proposalId())
                .append("version", sequence)
                .append("ward", event.ward().code())
                .append("fiscalYear", FiscalYear.containing(submittedOn).startYear())
                .append("themes", List.copyOf(new TreeSet<>(event.themes())))
                .append("programme", event.programme().name())
                .append("channel", event.channel().name())
                .append("submittedOn", submittedOn.toString())
                .append("acknowledged", false)
                .append("outcome", null)
                .append("daysToAnswer", null)
                .append("answeredLate", false)
                .append("withdrawn", false)
                .append("overdue", false)
                .append("supports", 0)
                .append("supportBand", SupportBands.of(0)));
    }

    @EventHandler
    void on(ProposalSupportCount event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> fact.append("supports", event.supports())
                .append("supportBand", SupportBands.of(event.supports())));
    }

    @EventHandler
    void on(ProposalAcknowledged event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> fact.put("acknowledged", true));
    }

    @EventHandler
    void on(ProposalAccepted event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> answered(fact, event.decision(), event.daysLate()));
    }

    @EventHandler
    void on(ProposalRejected event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> answered(fact, event.decision(), event.daysLate()));
    }

    @EventHandler
    void on(ProposalWithdrawn event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> fact.append("withdrawn", true).append("overdue", false));
    }

    @EventHandler
    void on(ProposalResponseOverdue event, @SequenceNumber long sequence) {
        change(event.proposalId(), sequence, fact -> {
            if (fact.get("outcome") == null && !fact.getBoolean("withdrawn")) {
                fact.put("overdue", true);
            }
        });
    }

    /**
     * Days to answer: calendar days in Asia/Tokyo from the day of submission to the day of the
     * decision (0 when answered the day it came).
     */
    private static void answered(Document fact, Decision decision, int daysLate) {
        LocalDate submittedOn = LocalDate.parse(fact.getString("submittedOn"));
        LocalDate decidedOn = decision.decidedAt().atZone(FiscalYear.TOKYO).toLocalDate();
        fact.append("outcome", decision.outcome().name())
                .append("daysToAnswer", (int) ChronoUnit.DAYS.between(submittedOn, decidedOn))
                .append("answeredLate", daysLate > 0)
                .append("overdue", false);
    }
}
