package kyodo.ops.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Sends what the outbox holds, on a thread of its own so that no request waits for a mail server: at
 * once when a message is queued, and every {@code poll-every} for the messages whose retry is due.
 * One thread: a message is never sent twice at the same time.
 */
class MailRelay extends BackgroundService {

    private static final Logger log = LoggerFactory.getLogger(MailRelay.class);
    private static final int BATCH = 50;

    private final Outbox outbox;
    private final MailDelivery delivery;
    private final MailSettings settings;
    private final AtomicBoolean wakeQueued = new AtomicBoolean();

    MailRelay(Outbox outbox, MailDelivery delivery, MailSettings settings) {
        super("kyodo-mail-relay");
        this.outbox = outbox;
        this.delivery = delivery;
        this.settings = settings;
        outbox.onQueued(this::wake);
    }

    @Override
    public void start() {
        thread.start(Duration.ZERO, settings.pollEvery(), this::sendDue);
        log.info("Mail goes out as {}; {} message(s) wait in the outbox", delivery.describe(), outbox.pending());
    }

    /** A message was queued: send it now rather than at the next poll (once, however many came at once). */
    private void wake() {
        if (wakeQueued.compareAndSet(false, true) && !thread.execute(() -> {
            wakeQueued.set(false);
            sendDue();
        })) {
            wakeQueued.set(false);
        }
    }

    /** Tries every message that is due; a failure waits for its retry, the others go on. */
    void sendDue() {
        try {
            for (MailMessage message : outbox.due(BATCH)) {
                try {
                    delivery.deliver(message);
                    outbox.delivered(message.id());
                } catch (Exception failure) {
                    outbox.failed(message.id(), failure);
                    log.warn("Mail {} could not be sent ({}); it stays in the outbox and is tried again later",
                            message.id(), failure.getClass().getSimpleName());
                }
            }
        } catch (RuntimeException storeFailure) {
            // the outbox itself failed (e.g. at shutdown): the next poll tries again
            log.warn("The mail outbox could not be read: {}", storeFailure.getClass().getSimpleName());
        }
    }
}
