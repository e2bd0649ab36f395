package kyodo.ops.resident.follow;

import kyodo.kernel.follow.FollowKind;
import kyodo.ops.mail.Outbox;
import kyodo.ops.resident.ResidentDirectory;
import org.springframework.context.MessageSource;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The notifications' mail, in the resident's language ({@code i18n/resident-follow_*}), queued in the
 * durable outbox once per key. Each carries a signed one-click unsubscribe link (RFC 8058: the
 * {@code List-Unsubscribe} and {@code List-Unsubscribe-Post} headers and the same link in the text),
 * which works without signing in: for one mail, the follow that caused it; for a digest, every follow.
 */
class NotificationMails {

    /** The scope of an unsubscribe link that ends every follow of the resident. */
    static final String ALL = "all";
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final DateTimeFormatter DAY = DateTimeFormatter.ISO_LOCAL_DATE;

    private final Outbox outbox;
    private final MessageSource messages;
    private final ResidentDirectory residents;
    private final FollowSettings settings;

    NotificationMails(Outbox outbox, MessageSource messages, ResidentDirectory residents, FollowSettings settings) {
        this.outbox = outbox;
        this.messages = messages;
        this.residents = residents;
        this.settings = settings;
    }

    /** One mail about one event; {@code scope} is the follow that caused it ({@code kind:id}). */
    void immediate(String eventId, String follower, ResidentDirectory.Recipient to, Change change, String title,
                   String scope) {
        Locale locale = Locale.forLanguageTag(to.language());
        String link = unsubscribeLink(follower, scope);
        String body = text("follow.mail.immediate.body", locale, item(change, title, locale), link);
        outbox.queueOnce("notify:" + eventId + ":" + follower, to.email(),
                text("follow.mail.immediate.subject", locale, title, what(change, locale)), body, headers(link));
    }

    /** The day's digest: every item, one mail, keyed by the day so that a second run queues nothing. */
    void digest(String follower, ResidentDirectory.Recipient to, List<Map.Entry<Change, String>> items, Instant cutoff) {
        Locale locale = Locale.forLanguageTag(to.language());
        String link = unsubscribeLink(follower, ALL);
        StringBuilder list = new StringBuilder();
        items.forEach(item -> list.append(item(item.getKey(), item.getValue(), locale)).append("\n\n"));
        String day = DAY.format(cutoff.atZone(TOKYO));
        outbox.queueOnce("digest:" + follower + ":" + day, to.email(),
                text("follow.mail.digest.subject", locale, day, items.size()),
                text("follow.mail.digest.body", locale, list.toString().strip(), link), headers(link));
    }

    /** What a mail says of one event: the thing, what happened, the public text with it, where to read more. */
    private String item(Change change, String title, Locale locale) {
        String at = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").format(change.at().atZone(TOKYO));
        String detail = change.detail() == null || change.detail().isBlank() ? ""
                : "\n" + text("follow.mail.detail", locale, change.detail().strip());
        return text("follow.mail.item", locale, title, what(change, locale), at, detail, pageLink(change));
    }

    private String what(Change change, Locale locale) {
        return text("follow.what." + change.what(), locale);
    }

    /** The public page of the thing the event happened to. */
    String pageLink(Change change) {
        return settings.base() + pagePath(change.kind(), change.targetId());
    }

    static String pagePath(FollowKind kind, String targetId) {
        String id = URLEncoder.encode(targetId, StandardCharsets.UTF_8);
        return switch (kind) {
            case PROPOSAL -> "/proposals/" + id;
            case MEETING -> "/meetings/" + id;
            case PROJECT -> "/projects/" + id;
            case WARD -> "/proposals?ward=" + id;
        };
    }

    /** The signed link that ends the follow {@code scope} (or every follow) of the resident, without sign-in. */
    String unsubscribeLink(String follower, String scope) {
        return settings.base() + "/resident/unsubscribe?f=" + URLEncoder.encode(follower, StandardCharsets.UTF_8)
                + "&s=" + URLEncoder.encode(scope, StandardCharsets.UTF_8)
                + "&sig=" + residents.sign(Unsubscribe.signed(follower, scope));
    }

    private static Map<String, String> headers(String link) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("List-Unsubscribe", "<" + link + ">");
        headers.put("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        return headers;
    }

    private String text(String key, Locale locale, Object... args) {
        return messages.getMessage(key, args, locale);
    }
}
