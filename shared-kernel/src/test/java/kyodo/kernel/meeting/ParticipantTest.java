package kyodo.kernel.meeting;

import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.personal.JdbcPersonKeyVault;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A participant sealed before registrations took a contact still opens, with none. */
class ParticipantTest {

    @Test
    void aParticipantSealedWithoutAContactOpensWithNone() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:participant-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        SecureRandom random = new SecureRandom();
        JdbcPersonKeyVault vault = new JdbcPersonKeyVault(dataSource, PersonalDataProtector.keyGenerator(random));
        vault.createSchema();
        PersonalDataProtector protector = new PersonalDataProtector(vault, new ObjectMapper(), random);
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("name", "川崎 花子");
        before.put("affiliation", "幸町内会");

        SealedPersonalData old = protector.sealForNewSubject("s-old", before, Instant.parse("2025-04-01T00:00:00Z"));
        SealedPersonalData now = protector.sealForNewSubject("s-new",
                new Participant("川崎 花子", "幸町内会", "hanako@example.jp"), Instant.parse("2026-04-01T00:00:00Z"));

        assertThat(protector.open(old, Participant.class)).contains(new Participant("川崎 花子", "幸町内会"));
        assertThat(protector.open(now, Participant.class).orElseThrow().contact()).isEqualTo("hanako@example.jp");
    }
}
