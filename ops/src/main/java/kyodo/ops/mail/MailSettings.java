package kyodo.ops.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code kyodo.mail.*}: the outgoing mail of residents' accounts. Whether mail goes out by SMTP is
 * Spring Boot's own {@code spring.mail.*} (set {@code spring.mail.host}); without it each message is
 * written as an {@code .eml} file under {@code <data-dir>/outbox/}.
 *
 * @param from        the sender address of every message
 * @param outboxUrl   the JDBC URL of the durable outbox (unset: an embedded file under {@code <data-dir>/mail})
 * @param firstRetry  how long after a failed send it is tried again; each further failure doubles it
 * @param maxRetry    the cap on the wait between two tries (a message is never given up)
 * @param pollEvery   how often the outbox is looked at for messages due (a new message is sent at once)
 */
@ConfigurationProperties("kyodo.mail")
public record MailSettings(@DefaultValue("kyodo@localhost") String from,
                           String outboxUrl,
                           @DefaultValue("30s") Duration firstRetry,
                           @DefaultValue("1h") Duration maxRetry,
                           @DefaultValue("5s") Duration pollEvery) {

    public MailSettings {
        if (firstRetry.isNegative() || firstRetry.isZero() || maxRetry.compareTo(firstRetry) < 0) {
            throw new IllegalStateException("kyodo.mail: first-retry must be positive and at most max-retry");
        }
        if (pollEvery.isNegative() || pollEvery.isZero()) {
            throw new IllegalStateException("kyodo.mail.poll-every must be positive");
        }
    }
}
