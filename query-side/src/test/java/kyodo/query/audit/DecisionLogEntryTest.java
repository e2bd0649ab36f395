package kyodo.query.audit;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.decision.Decision;
import kyodo.kernel.decision.DecisionBasis;
import kyodo.kernel.decision.DecisionKind;
import kyodo.kernel.decision.DecisionOutcome;
import kyodo.kernel.decision.SubjectType;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

class DecisionLogEntryTest {

    static final Decision ACCEPTED = new Decision("d-1", SubjectType.PROPOSAL, "prop-1", Ward.SAIWAI,
            DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.ACCEPTED, "利用者の安全が確認できたため。",
            new StaffRef("staff-0007", "WARD_HEAD"), Instant.parse("2025-07-14T15:30:00.123456789Z"), null);
    static final Decision BY_RESOLUTION = new Decision("resolution-res-9", SubjectType.PROPOSAL, "prop-2", null,
            DecisionKind.PROPOSAL_ANSWER, DecisionOutcome.REJECTED, "否決\n理由", new StaffRef("staff-0042", "STAFF"),
            Instant.parse("2025-09-19T07:00:00Z"), DecisionBasis.meetingResolution("res-9"));

    @Test
    void theFirstEntryHashesItsCanonicalJsonAfterThirtyTwoZeroBytes() throws Exception {
        DecisionLogEntry entry = DecisionLogEntry.of(1, Hashing.ZERO_HASH, "ev-1", ACCEPTED);

        String canonical = "{\"basis\":null,\"decidedAt\":\"2025-07-14T15:30:00.123Z\",\"decidedByRole\":\"WARD_HEAD\","
                + "\"decisionId\":\"d-1\",\"eventId\":\"ev-1\",\"kind\":\"PROPOSAL_ANSWER\",\"outcome\":\"ACCEPTED\","
                + "\"reason\":\"利用者の安全が確認できたため。\",\"seq\":1,\"subjectId\":\"prop-1\","
                + "\"subjectType\":\"proposal\",\"ward\":\"saiwai\"}";
        assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(canonical);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        sha256.update(new byte[32]);
        sha256.update(canonical.getBytes(StandardCharsets.UTF_8));
        assertThat(entry.hash()).isEqualTo(HexFormat.of().formatHex(sha256.digest()))
                // pinned: computed independently (Python hashlib) from the same canonical text
                .isEqualTo("42f97acd47a171c455c856ce7db27aa6e6102d7a17e0fd60795be4df72cfd89a");
        assertThat(entry.prevHash()).isEqualTo("0".repeat(64));
    }

    @Test
    void theNextEntryChainsOnThePreviousHashAndCarriesItsBasis() {
        DecisionLogEntry first = DecisionLogEntry.of(1, Hashing.ZERO_HASH, "ev-1", ACCEPTED);

        DecisionLogEntry second = DecisionLogEntry.of(2, first.hash(), "ev-2", BY_RESOLUTION);

        assertThat(second.prevHash()).isEqualTo(first.hash());
        assertThat(new String(second.canonicalBytes(), StandardCharsets.UTF_8)).isEqualTo(
                "{\"basis\":{\"id\":\"res-9\",\"type\":\"meeting-resolution\"},\"decidedAt\":\"2025-09-19T07:00:00.000Z\","
                        + "\"decidedByRole\":\"STAFF\",\"decisionId\":\"resolution-res-9\",\"eventId\":\"ev-2\","
                        + "\"kind\":\"PROPOSAL_ANSWER\",\"outcome\":\"REJECTED\",\"reason\":\"否決\\n理由\",\"seq\":2,"
                        + "\"subjectId\":\"prop-2\",\"subjectType\":\"proposal\",\"ward\":null}");
        assertThat(second.hash()).isEqualTo("8d408eca927c3a0ad141f23f919cde05e99e9de520e49b04e90cb42a1ba26ba4");
        assertThat(second.basis()).isEqualTo(new DecisionLogEntry.Basis("meeting-resolution", "res-9"));
        assertThat(second.ward()).isNull();
    }

    @Test
    void theStaffIdIsNeitherInTheEntryNorInWhatIsHashed() {
        DecisionLogEntry entry = DecisionLogEntry.of(1, Hashing.ZERO_HASH, "ev-1", ACCEPTED);

        assertThat(entry.toString()).doesNotContain("staff-0007");
        assertThat(new String(entry.canonicalBytes(), StandardCharsets.UTF_8)).doesNotContain("staff-0007");
        assertThat(entry.toDocument().toJson()).doesNotContain("staff-0007");
        assertThat(entry.decidedByRole()).isEqualTo("WARD_HEAD");
    }

    @Test
    void changingAnyMemberOrThePreviousHashChangesTheHash() {
        DecisionLogEntry entry = DecisionLogEntry.of(2, "ab".repeat(32), "ev-2", BY_RESOLUTION);
        DecisionLogEntry[] altered = {
                new DecisionLogEntry(3, entry.decisionId(), entry.subjectType(), entry.subjectId(), entry.ward(),
                        entry.kind(), entry.outcome(), entry.reason(), entry.decidedByRole(), entry.decidedAt(),
                        entry.basis(), entry.eventId(), entry.prevHash(), null),
                new DecisionLogEntry(2, entry.decisionId(), entry.subjectType(), entry.subjectId(), entry.ward(),
                        entry.kind(), entry.outcome(), entry.reason() + "。", entry.decidedByRole(), entry.decidedAt(),
                        entry.basis(), entry.eventId(), entry.prevHash(), null),
                new DecisionLogEntry(2, entry.decisionId(), entry.subjectType(), entry.subjectId(), "tama",
                        entry.kind(), entry.outcome(), entry.reason(), entry.decidedByRole(), entry.decidedAt(),
                        entry.basis(), entry.eventId(), entry.prevHash(), null),
                new DecisionLogEntry(2, entry.decisionId(), entry.subjectType(), entry.subjectId(), entry.ward(),
                        entry.kind(), entry.outcome(), entry.reason(), entry.decidedByRole(), entry.decidedAt(),
                        null, entry.eventId(), entry.prevHash(), null),
                new DecisionLogEntry(2, entry.decisionId(), entry.subjectType(), entry.subjectId(), entry.ward(),
                        entry.kind(), entry.outcome(), entry.reason(), entry.decidedByRole(), entry.decidedAt(),
                        entry.basis(), entry.eventId(), "cd".repeat(32), null)};

        for (DecisionLogEntry other : altered) {
            assertThat(other.recomputedHash()).as(other.toString()).isNotEqualTo(entry.hash());
        }
        assertThat(entry.recomputedHash()).isEqualTo(entry.hash());
    }

    @Test
    void theStoredDocumentReadsBackAsTheSameEntry() {
        DecisionLogEntry entry = DecisionLogEntry.of(2, "ab".repeat(32), "ev-2", BY_RESOLUTION);

        assertThat(DecisionLogEntry.fromDocument(entry.toDocument())).isEqualTo(entry);
        assertThat(entry.toDocument().get("_id")).isEqualTo(2L);
    }
}
