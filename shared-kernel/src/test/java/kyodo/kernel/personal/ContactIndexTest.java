package kyodo.kernel.personal;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** One person is found in every record by any spelling of their contact, and only by it. */
class ContactIndexTest {

    private static final Instant AT = Instant.parse("2025-04-01T00:00:00Z");

    private JdbcDataSource dataSource;
    private ContactIndex index;

    @BeforeEach
    void open() {
        dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        index = ContactIndex.open(dataSource, new SecureRandom());
    }

    @AfterEach
    void drop() throws Exception {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void normalisesEmailPhoneAndAddress() {
        assertThat(ContactNormalisation.normalise("  Hanako@Example.JP ")).contains("hanako@example.jp");
        assertThat(ContactNormalisation.normalise("ｈａｎａｋｏ＠ｅｘａｍｐｌｅ．ｊｐ")).contains("hanako@example.jp");
        assertThat(ContactNormalisation.normalise("044-200-2111")).contains("tel:0442002111");
        assertThat(ContactNormalisation.normalise("０４４－２００－２１１１")).contains("tel:0442002111");
        assertThat(ContactNormalisation.normalise("+81 44 (200) 2111")).contains("tel:0442002111");
        assertThat(ContactNormalisation.normalise(" 川崎市幸区 　戸手本町1-11-1 ")).contains("川崎市幸区 戸手本町1-11-1");
        assertThat(ContactNormalisation.normalise("1-11")).contains("1-11");
        assertThat(ContactNormalisation.normalise(" \u3000 ")).isEmpty();
        assertThat(ContactNormalisation.normalise(null)).isEmpty();
    }

    @Test
    void findsEverySubjectOfOnePersonByAnySpellingOfTheirContact() {
        index.record(IndexedSubject.proposer("s-1", "p-1"), "hanako@example.jp", AT);
        index.record(IndexedSubject.proposer("s-2", "p-2"), " HANAKO@example.jp", AT.plusSeconds(60));
        index.record(IndexedSubject.proposer("s-3", "p-3"), "taro@example.jp", AT);
        index.record(IndexedSubject.proposer("s-4", "p-4"), null, AT);

        assertThat(index.find("Hanako@Example.jp")).containsExactly(IndexedSubject.proposer("s-1", "p-1"),
                IndexedSubject.proposer("s-2", "p-2"));
        assertThat(index.find("jiro@example.jp")).isEmpty();
        assertThat(index.contains("s-4")).isTrue();
        assertThat(index.contains("s-5")).isFalse();
    }

    @Test
    void storesNoContactOnlyAKeyedMark() throws Exception {
        index.record(IndexedSubject.proposer("s-1", "p-1"), "hanako@example.jp", AT);
        List<String> marks = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT contact_mac FROM kyodo_person_index")) {
            while (rs.next()) {
                marks.add(rs.getString(1));
            }
        }
        assertThat(marks).hasSize(1);
        assertThat(marks.get(0)).matches("[0-9a-f]{64}").doesNotContain("hanako");

        JdbcDataSource otherInstallation = new JdbcDataSource();
        otherInstallation.setURL("jdbc:h2:mem:index-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        ContactIndex other = ContactIndex.open(otherInstallation, new SecureRandom());
        other.record(IndexedSubject.proposer("s-1", "p-1"), "hanako@example.jp", AT);
        try (Connection c = otherInstallation.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT contact_mac FROM kyodo_person_index")) {
            rs.next();
            assertThat(rs.getString(1)).as("another installation's secret gives another mark")
                    .isNotEqualTo(marks.get(0));
            s.execute("SHUTDOWN");
        }
    }

    @Test
    void theSecretSurvivesAReopen() {
        index.record(IndexedSubject.proposer("s-1", "p-1"), "hanako@example.jp", AT);
        ContactIndex reopened = ContactIndex.open(dataSource, new SecureRandom());
        assertThat(reopened.find("hanako@example.jp")).containsExactly(IndexedSubject.proposer("s-1", "p-1"));
    }

    @Test
    void aForgottenSubjectIsNoLongerFoundAndADiscardedOneIsGone() {
        index.record(IndexedSubject.proposer("s-1", "p-1"), "hanako@example.jp", AT);
        index.record(IndexedSubject.proposer("s-2", "p-2"), "hanako@example.jp", AT);
        index.forget("s-1");
        index.discard("s-2");
        assertThat(index.find("hanako@example.jp")).isEmpty();
        assertThat(index.contains("s-1")).isTrue();
        assertThat(index.contains("s-2")).isFalse();
    }

    @Test
    void theOneOffRebuildIsRemembered() {
        assertThat(index.rebuilt()).isFalse();
        index.markRebuilt(AT);
        index.markRebuilt(AT.plusSeconds(1));
        assertThat(ContactIndex.open(dataSource, new SecureRandom()).rebuilt()).isTrue();
    }
}
