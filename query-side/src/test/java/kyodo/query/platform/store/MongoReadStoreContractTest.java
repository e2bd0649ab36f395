package kyodo.query.platform.store;

import kyodo.query.platform.store.mongo.MongoReadStore;
import kyodo.query.proposal.TestStores;

/** The contract on the official driver, against mongo-java-server standing in for MongoDB. */
class MongoReadStoreContractTest extends ReadStoreContract {

    @Override
    protected ReadStore open() {
        TestStores stores = new TestStores();
        MongoReadStore mongo = MongoReadStore.of(stores.freshDatabase());
        return new ReadStore() {
            @Override
            public ReadCollection collection(String name) {
                return mongo.collection(name);
            }

            @Override
            public java.util.List<String> collectionNames() {
                return mongo.collectionNames();
            }

            @Override
            public Rebuild rebuild() {
                return mongo.rebuild();
            }

            @Override
            public boolean whenRebuilt(Runnable task) {
                return mongo.whenRebuilt(task);
            }

            @Override
            public void makeDurable() {
                mongo.makeDurable();
            }

            @Override
            public String describe() {
                return mongo.describe();
            }

            @Override
            public void close() {
                stores.close();
            }
        };
    }
}
