package kyodo.query.audit;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import kyodo.query.platform.store.ReadCollection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * The event ids of the decision log's last {@value #RECENT} entries, read by a scan of the entries
 * themselves once per process and then kept up to date by the appends ({@link DecisionLog#recorded}
 * says why the unique index alone is not enough).
 */
final class RecentEventIds {

    /** How many of the last entries' event ids are kept. */
    static final int RECENT = 20_000;

    private static final Logger LOGGER = LoggerFactory.getLogger(RecentEventIds.class);

    private final ReadCollection log;
    /** Null until read, and again after a reset. */
    private LinkedHashSet<String> ids;

    RecentEventIds(ReadCollection log) {
        this.log = log;
    }

    /** Reads them, once per process (and after a reset); {@code size} gives the log's size. */
    synchronized void read(LongSupplier size) {
        if (ids != null) {
            return;
        }
        LOGGER.debug("Reading the event ids of the last {} entries", RECENT);
        ids = new LinkedHashSet<>();
        long entries = size.getAsLong();
        log.find(Filters.gt("_id", Math.max(0, entries - RECENT))).projection(Projections.include("eventId"))
                .forEach(doc -> ids.add(doc.getString("eventId")));
        if (ids.size() < Math.min(entries, RECENT)) {
            // the _id range missed entries: scan the whole log once
            log.find().projection(Projections.include("eventId")).forEach(doc -> ids.add(doc.getString("eventId")));
        }
    }

    /** Whether the event id is one of the last entries' (false before {@link #read}). */
    synchronized boolean contains(String eventId) {
        return ids != null && ids.contains(eventId);
    }

    /** Adds the appended entries' ids, dropping the oldest beyond {@value #RECENT}; nothing before {@link #read}. */
    synchronized void remember(List<DecisionLogEntry> entries) {
        if (ids == null) {
            return;
        }
        entries.forEach(entry -> ids.add(entry.eventId()));
        Iterator<String> oldest = ids.iterator();
        while (ids.size() > RECENT && oldest.hasNext()) {
            oldest.next();
            oldest.remove();
        }
    }

    /** Forgets them (a projection reset): the next {@link #read} reads them again. */
    synchronized void clear() {
        ids = null;
    }
}
