package kyodo.query.platform;

import kyodo.kernel.StaffRef;
import org.bson.Document;

import java.time.Instant;
import java.util.Date;

/** The public timeline entries of the read models: roles only, never a staff id. */
public final class TimelineEntries {

    private TimelineEntries() {
    }

    /** Sequence, kind, time, the optional fields given as name/value pairs (nulls left out), and the role. */
    public static Document entry(long sequence, String kind, Instant at, String role, Object... optional) {
        Document entry = new Document("seq", sequence).append("kind", kind).append("at", Date.from(at));
        for (int i = 0; i < optional.length; i += 2) {
            if (optional[i + 1] != null) {
                entry.append((String) optional[i], optional[i + 1]);
            }
        }
        return role == null ? entry : entry.append("role", role);
    }

    public static String role(StaffRef actor) {
        return actor == null ? null : actor.role();
    }
}
