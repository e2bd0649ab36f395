package kyodo.query.platform.store.embedded;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Postings blocks hold exactly the numbers a plain set would after random adds and removes, in
 * order, for neighbouring keys too, with every block within its size and none empty.
 */
class PostingsTest {

    @Test
    void blocksHoldWhatASetHolds() {
        MVStore store = new MVStore.Builder().open();
        MVMap<byte[], byte[]> map = store.openMap("postings", new MVMap.Builder<byte[], byte[]>()
                .keyType(ByteKeys.INSTANCE).valueType(ByteKeys.INSTANCE));
        List<byte[]> keys = List.of(Keys.encode(new org.bson.BsonString("a")), Keys.encode(new org.bson.BsonString("ab")),
                Keys.encode(new org.bson.BsonString("b")));
        List<TreeSet<Long>> expected = List.of(new TreeSet<>(), new TreeSet<>(), new TreeSet<>());
        Random random = new Random(7);
        long next = 1;
        for (int round = 0; round < 400; round++) {
            int k = random.nextInt(keys.size());
            TreeSet<Long> adds = new TreeSet<>();
            TreeSet<Long> removes = new TreeSet<>();
            if (random.nextInt(3) > 0) {
                for (int i = random.nextInt(300); i > 0; i--) {
                    adds.add(next++); // inserts: growing numbers
                }
            } else {
                for (int i = random.nextInt(40); i > 0; i--) {
                    long n = 1 + (long) random.nextInt((int) next);
                    if (random.nextBoolean()) {
                        adds.add(n);
                    } else {
                        removes.add(n);
                    }
                }
                removes.removeAll(adds);
            }
            Postings.apply(map, keys.get(k), adds.stream().mapToLong(Long::longValue).toArray(),
                    removes.stream().mapToLong(Long::longValue).toArray());
            expected.get(k).addAll(adds);
            expected.get(k).removeAll(removes);
            for (int j = 0; j < keys.size(); j++) {
                byte[] key = keys.get(j);
                Access.LongList read = new Access.LongList();
                Postings.numbers(map, key, Keys.upperBound(key), read);
                List<Long> numbers = new ArrayList<>();
                for (int i = 0; i < read.size; i++) {
                    numbers.add(read.values[i]);
                }
                assertThat(numbers).isEqualTo(new ArrayList<>(expected.get(j)));
                assertThat(Postings.count(map, key, Keys.upperBound(key), Long.MAX_VALUE)).isEqualTo(expected.get(j).size());
            }
        }
        map.forEach((block, value) -> {
            assertThat(Postings.count(value)).isBetween(1, Postings.BLOCK);
            Access.LongList numbers = new Access.LongList();
            Postings.decode(value, numbers);
            assertThat(numbers.values[0]).isEqualTo(Keys.number(block));
        });
        store.close();
    }
}
