package kyodo.query.platform.segments;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The serving query processes' heartbeats, documents of the read store ({@code queryprocesses}, {@code _id} the
 * process as its token claims name it, "pid@host"): when each last wrote, and how many segments of each
 * processing group it held then. Every process reads the others' from here, so they need no channel of their
 * own between them, on MongoDB and on the embedded engine alike. Times are the writers' clocks, as the token
 * claims' are: the processes' clocks must agree to well within the peer timeout (NTP).
 */
final class QueryProcesses {

    /** The heartbeats' collection in the read store. */
    static final String COLLECTION = ReadStore.QUERY_PROCESSES;

    private static final String BEAT = "beat";
    private static final String HELD = "held";
    private static final String GROUP = "group";
    private static final String SEGMENTS = "segments";
    private static final UpdateOptions UPSERT = new UpdateOptions().upsert(true);

    private final ReadCollection heartbeats;

    QueryProcesses(ReadStore store) {
        this.heartbeats = store.collection(COLLECTION);
    }

    /** The process is alive at {@code now} and holds these segments, by processing group. */
    void beat(String process, long now, Map<String, Integer> held) {
        List<Document> groups = held.entrySet().stream()
                .map(entry -> new Document(GROUP, entry.getKey()).append(SEGMENTS, entry.getValue())).toList();
        heartbeats.bulkWrite(List.of(new UpdateOneModel<>(Filters.eq("_id", process),
                Updates.combine(Updates.set(BEAT, now), Updates.set(HELD, groups)), UPSERT)));
    }

    /** The processes that beat at or after {@code since}, each with the segments it held by processing group. */
    Map<String, Map<String, Integer>> aliveSince(long since) {
        Map<String, Map<String, Integer>> alive = new TreeMap<>();
        heartbeats.find(Filters.gte(BEAT, since)).forEach(process -> {
            Map<String, Integer> held = new HashMap<>();
            for (Document group : process.getList(HELD, Document.class, List.of())) {
                held.put(group.getString(GROUP), group.getInteger(SEGMENTS));
            }
            alive.put(process.getString("_id"), held);
        });
        return alive;
    }

    /** The process stops: the others count it gone at their next heartbeat, without waiting for the timeout. */
    void leave(String process) {
        heartbeats.deleteMany(Filters.eq("_id", process));
    }

    /** Forgets the heartbeats of processes gone since before {@code before} (each restart is a new process). */
    void forgetBefore(long before) {
        heartbeats.deleteMany(Filters.lt(BEAT, before));
    }
}
