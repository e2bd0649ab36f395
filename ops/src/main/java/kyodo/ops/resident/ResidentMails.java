package kyodo.ops.resident;

import kyodo.ops.mail.Outbox;
import org.springframework.context.MessageSource;

import java.time.Duration;
import java.util.Locale;

/**
 * The mail a resident gets, in their language (the page's language when they signed up), queued in
 * the durable outbox before the request that caused it answers. Texts are in {@code i18n/resident_*}.
 */
final class ResidentMails {

    private final Outbox outbox;
    private final MessageSource messages;

    ResidentMails(Outbox outbox, MessageSource messages) {
        this.outbox = outbox;
        this.messages = messages;
    }

    /** The code that confirms the address, and how long it works. */
    void confirmationCode(String to, String name, String language, String code, Duration validFor) {
        Locale locale = Locale.forLanguageTag(language);
        outbox.queue(to, messages.getMessage("resident.mail.confirm.subject", null, locale),
                messages.getMessage("resident.mail.confirm.body",
                        new Object[]{name, code, validFor.toMinutes()}, locale));
    }

    /** Someone tried to sign up again with an address that has an account: its owner is told, nobody else. */
    void alreadyRegistered(String to, String language) {
        Locale locale = Locale.forLanguageTag(language);
        outbox.queue(to, messages.getMessage("resident.mail.exists.subject", null, locale),
                messages.getMessage("resident.mail.exists.body", null, locale));
    }
}
