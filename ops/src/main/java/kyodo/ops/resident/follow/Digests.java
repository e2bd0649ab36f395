package kyodo.ops.resident.follow;

import kyodo.ops.mail.BackgroundService;
import kyodo.ops.resident.ResidentDirectory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The daily digest: at {@code kyodo.follows.digest-at} (Asia/Tokyo) every resident who chose it gets
 * one mail with what was noted for them before that time. Looked for every {@code digest-check} on a
 * thread of its own; the time is a parameter of {@link #sendDue}, so a test passes the hour it wants
 * instead of waiting for it. A digest is queued under the key of its follower and day, then its items
 * are marked done: a crash in between queues nothing twice.
 */
public class Digests extends BackgroundService {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    private final Follows follows;
    private final NotificationMails mails;
    private final ResidentDirectory residents;
    private final FollowSettings settings;
    private final Clock clock;

    Digests(Follows follows, NotificationMails mails, ResidentDirectory residents, FollowSettings settings,
            Clock clock) {
        super("kyodo-follow-digests");
        this.follows = follows;
        this.mails = mails;
        this.residents = residents;
        this.settings = settings;
        this.clock = clock;
    }

    /** The last digest time at or before {@code now}: what was noted before it is due. */
    Instant cutoff(Instant now) {
        ZonedDateTime today = now.atZone(TOKYO).with(settings.digestAt());
        return (today.toInstant().isAfter(now) ? today.minusDays(1) : today).toInstant();
    }

    /**
     * Queues the digests due at {@code now}; one at a time (the schedule and a caller never overlap).
     *
     * @return how many digests were queued
     */
    public synchronized int sendDue(Instant now) {
        Instant cutoff = cutoff(now);
        int queued = 0;
        for (String follower : follows.digestsDue(cutoff)) {
            List<Follows.DigestItem> items = follows.digest(follower, cutoff);
            Optional<ResidentDirectory.Recipient> to = residents.recipient(follower);
            if (to.isPresent() && !items.isEmpty()) {
                List<Map.Entry<Change, String>> titled = items.stream().map(item -> Map.entry(item.change(),
                        follows.subject(item.change().kind(), item.change().targetId())
                                .map(Follows.Subject::title).orElse(item.change().targetId()))).toList();
                mails.digest(follower, to.get(), titled, cutoff);
                queued++;
            }
            follows.digested(follower, cutoff);
        }
        return queued;
    }

    @Override
    public void start() {
        thread.start(settings.digestCheck(), settings.digestCheck(), () -> {
            try {
                sendDue(clock.instant());
            } catch (RuntimeException failure) {
                // the stores failed (e.g. at shutdown): the next check tries again, nothing was marked done
                log.warn("The daily digests could not be queued: {}", failure.getClass().getSimpleName());
            }
        });
    }
}
