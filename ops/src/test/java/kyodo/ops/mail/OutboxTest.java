package kyodo.ops.mail;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The outbox's keyed queue, its headers, and the ADMIN's overview without addresses. */
class OutboxTest {

    private final Outbox outbox = new Outbox("jdbc:h2:mem:outbox-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            new MailSettings("kyodo@localhost", null, java.time.Duration.ofSeconds(30), java.time.Duration.ofHours(1),
                    java.time.Duration.ofSeconds(5)),
            Clock.fixed(Instant.parse("2026-12-05T00:00:00Z"), ZoneOffset.UTC));

    @AfterEach
    void close() {
        outbox.close();
    }

    @Test
    void aKeyQueuesItsMessageOnceWithItsHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<https://kyodo.example/resident/unsubscribe?f=a&s=all&sig=00>");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        assertThat(outbox.queueOnce("notify:e1:f1", "hanako@example.jp", "件名", "本文", headers)).isTrue();
        assertThat(outbox.queueOnce("notify:e1:f1", "hanako@example.jp", "件名", "本文", headers)).isFalse();
        assertThat(outbox.queueOnce("notify:e1:f2", "ken@example.jp", "件名", "本文", Map.of())).isTrue();
        assertThat(outbox.pending()).isEqualTo(2);
        MailMessage first = outbox.due(10).stream().filter(m -> m.to().equals("hanako@example.jp")).findFirst()
                .orElseThrow();
        assertThat(first.headers()).containsExactlyEntriesOf(headers);
    }

    @Test
    void aSentMessageIsListedWithoutItsAddressAndAWaitingOneMasked() {
        String sent = outbox.queue("hanako@example.jp", "送信済み", "本文");
        outbox.queue("ken@example.jp", "送信待ち", "本文");
        String failing = outbox.queue("mari@example.jp", "失敗", "本文");
        outbox.delivered(sent);
        outbox.failed(failing, new IOException("mari@example.jp refused"));
        assertThat(outbox.overview(10)).extracting(OutboxEntry::subject, OutboxEntry::state, OutboxEntry::maskedTo,
                        OutboxEntry::attempts, OutboxEntry::lastFailure)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("送信済み", OutboxEntry.State.SENT, null, 1, null),
                        org.assertj.core.groups.Tuple.tuple("送信待ち", OutboxEntry.State.QUEUED, "k…@e…", 0, null),
                        org.assertj.core.groups.Tuple.tuple("失敗", OutboxEntry.State.FAILING, "m…@e…", 1, "IOException"));
        assertThat(outbox.overview(10).toString()).doesNotContain("hanako", "ken@", "mari");
    }

    @Test
    void aHeaderThatCouldInjectALineIsRefused() {
        assertThatThrownBy(() -> outbox.queueOnce("k", "a@example.jp", "s", "b", Map.of("X-Bad", "a\r\nBcc: x@example.jp")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(outbox.pending()).isZero();
    }
}
