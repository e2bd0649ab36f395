package kyodo.query.audit;

import kyodo.kernel.problem.KyodoProblemException;
import kyodo.query.audit.AuditFixtures.Audit;
import kyodo.query.audit.DecisionLogSearch.Filter;
import kyodo.query.listing.ListParameters;
import kyodo.query.proposal.TestStores;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.EventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DecisionLogSearchTest {

    @RegisterExtension
    static final TestStores stores = new TestStores();

    private DecisionLogSearch search;

    @BeforeEach
    void tenDecisions() throws Exception {
        Audit audit = new Audit(stores.freshDatabase(), 1000);
        AnnotationEventHandlerAdapter handler = new AnnotationEventHandlerAdapter(audit.projection);
        for (EventMessage<?> message : AuditFixtures.history(10)) {
            handler.handle(message);
        }
        search = new DecisionLogSearch(audit.log);
    }

    private static Filter filter(Map<String, String> params) {
        ListParameters in = new ListParameters(params.entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))));
        Filter filter = Filter.read(in);
        in.done();
        return filter;
    }

    private static List<Long> seqs(List<DecisionLogEntry> entries) {
        return entries.stream().map(DecisionLogEntry::seq).toList();
    }

    @Test
    void theWholeLogNewestFirstInPages() {
        DecisionLogSearch.NewestFirst first = search.newestFirst(Filter.NONE, new ListParameters.Paging(0, 4));
        assertThat(seqs(first.items())).containsExactly(10L, 9L, 8L, 7L);
        assertThat(first.total()).isEqualTo(10);
        assertThat(seqs(search.newestFirst(Filter.NONE, new ListParameters.Paging(2, 4)).items()))
                .containsExactly(2L, 1L);
    }

    @Test
    void eachFilterKeepsTheEntriesWhoseMemberEqualsIt() {
        // the fixtures cycle: 1 revision request (saiwai), 2 referral (tama), 3 accepted (nakahara), 4 rejected (asao)
        assertThat(seqs(search.newestFirst(filter(Map.of("ward", "nakahara")), new ListParameters.Paging(0, 20))
                .items())).containsExactly(8L, 3L);
        assertThat(seqs(search.after(filter(Map.of("outcome", "rejected", "kind", "PROPOSAL_ANSWER")), 0, 100)))
                .as("names are read case-insensitively, as every list reads them").containsExactly(4L, 9L);
        assertThat(seqs(search.after(filter(Map.of("subjectType", "proposal", "subjectId", "prop-4")), 0, 100)))
                .containsExactly(4L);
        assertThat(seqs(search.after(filter(Map.of("ward", "nakahara")), 3, 100))).containsExactly(8L);
        assertThat(search.newestFirst(filter(Map.of("ward", "kawasaki")), new ListParameters.Paging(0, 20)).total())
                .isZero();
    }

    @Test
    void badValuesAreRefusedAllAtOnce() {
        assertThatThrownBy(() -> filter(Map.of("subjectType", "person", "kind", "VOTE", "outcome", "MAYBE",
                "ward", "osaka", "subjectId", "x".repeat(101))))
                .isInstanceOfSatisfying(KyodoProblemException.class, e -> assertThat(e.toDetails().errors())
                        .extracting(v -> v.field())
                        .containsExactlyInAnyOrder("subjectType", "kind", "outcome", "ward", "subjectId"));
    }
}
