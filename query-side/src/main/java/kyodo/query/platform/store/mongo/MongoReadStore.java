package kyodo.query.platform.store.mongo;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import kyodo.query.platform.store.Rebuilds;

import java.util.ArrayList;
import java.util.List;

/**
 * The read store on a MongoDB server (or anything speaking its protocol) through the official
 * driver; indexes are the server's own.
 */
public final class MongoReadStore implements ReadStore {

    private final MongoClient client;
    private final MongoDatabase database;
    private final String description;
    private final Rebuilds rebuilds = new Rebuilds();

    /**
     * @param client      closed with the store, or null when someone else owns it
     * @param description where it is, without a password
     */
    public MongoReadStore(MongoClient client, MongoDatabase database, String description) {
        this.client = client;
        this.database = database;
        this.description = description;
    }

    /** A store on a database whose client someone else closes (tests, tools). */
    public static MongoReadStore of(MongoDatabase database) {
        return new MongoReadStore(null, database, "MongoDB database " + database.getName());
    }

    @Override
    public ReadCollection collection(String name) {
        return new MongoReadCollection(database.getCollection(name));
    }

    @Override
    public List<String> collectionNames() {
        return database.listCollectionNames().into(new ArrayList<>()).stream()
                .filter(name -> !name.startsWith("system.")).sorted().toList();
    }

    /** A MongoDB server has acknowledged writes in its journal already; a crash of kyodo cannot lose them. */
    @Override
    public void makeDurable() {
        // nothing to do: see above
    }

    /** The server keeps its indexes as they are; only the tasks {@link #whenRebuilt} registered run at the end. */
    @Override
    public Rebuild rebuild() {
        return rebuilds.open(() -> { });
    }

    @Override
    public boolean whenRebuilt(Runnable task) {
        return rebuilds.whenRebuilt(task);
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }
}
