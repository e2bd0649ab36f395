package kyodo.kernel;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StoreInUseTest {

    @Test
    void summaryListsEveryStoreSortedByRoleAfterThePrefix() {
        List<StoreInUse> stores = List.of(
                new StoreInUse("read-models", "MongoDB mongodb://mongo:27017/kyodo"),
                new StoreInUse("events", "H2 file ./data/events"),
                new StoreInUse("keys", "H2 file ./data/keys"));

        assertThat(StoreInUse.summary(stores)).isEqualTo("kyodo stores: "
                + "events=H2 file ./data/events, keys=H2 file ./data/keys, read-models=MongoDB mongodb://mongo:27017/kyodo");
    }

    @Test
    void summaryIsTheSameWhateverTheOrderOfTheStores() {
        StoreInUse events = new StoreInUse("events", "H2 file ./data/events");
        StoreInUse keys = new StoreInUse("keys", "H2 file ./data/keys");

        assertThat(StoreInUse.summary(List.of(keys, events))).isEqualTo(StoreInUse.summary(List.of(events, keys)));
    }

    @Test
    void summaryNamesAStoreListedTwiceOnce() {
        StoreInUse events = new StoreInUse("events", "H2 file ./data/events");

        assertThat(StoreInUse.summary(List.of(events, events))).isEqualTo("kyodo stores: events=H2 file ./data/events");
    }

    @Test
    void summaryOfNoStoresIsJustThePrefix() {
        assertThat(StoreInUse.summary(List.of())).isEqualTo("kyodo stores: ");
    }

    @Test
    void redactHidesUserAndPasswordAndDropsTheQuery() {
        String redacted = StoreInUse.redact("mongodb://kyodo:s3cret@mongo.example:27017/kyodo?authSource=admin&tls=true");

        assertThat(redacted).isEqualTo("mongodb://***@mongo.example:27017/kyodo");
        assertThat(redacted).doesNotContain("s3cret").doesNotContain("kyodo:").doesNotContain("authSource");
    }

    @Test
    void redactHidesCredentialsOfAnSrvUri() {
        assertThat(StoreInUse.redact("mongodb+srv://kyodo:s3cret@cluster0.example.net/kyodo?retryWrites=true"))
                .isEqualTo("mongodb+srv://***@cluster0.example.net/kyodo");
    }

    @Test
    void redactHidesCredentialsOfAReplicaSetUri() {
        assertThat(StoreInUse.redact("mongodb://kyodo:s3cret@m1:27017,m2:27017/kyodo?replicaSet=rs0"))
                .isEqualTo("mongodb://***@m1:27017,m2:27017/kyodo");
    }

    @Test
    void redactDropsCredentialsPassedAsQueryParameters() {
        assertThat(StoreInUse.redact("jdbc:postgresql://db.example:5432/kyodo?user=kyodo&password=s3cret"))
                .isEqualTo("jdbc:postgresql://db.example:5432/kyodo");
    }

    @Test
    void redactLeavesAUriWithoutCredentialsUnchanged() {
        assertThat(StoreInUse.redact("mongodb://localhost:27017/kyodo")).isEqualTo("mongodb://localhost:27017/kyodo");
    }

    @Test
    void redactOfNullIsEmpty() {
        assertThat(StoreInUse.redact(null)).isEmpty();
    }
}
