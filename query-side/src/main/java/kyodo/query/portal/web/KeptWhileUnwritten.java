package kyodo.query.portal.web;

import kyodo.query.platform.store.ReadStore;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A page's content kept for as long as the read store has not been written since it was read
 * ({@link ReadStore#writeStamp()}): the home page, whose content is a function of the read models
 * (and of the fiscal year of today) alone, read by every visitor alike. Profiled at 100k proposals,
 * the home's reads (the dashboard's generations, the latest decisions and their titles, three "due
 * soon" lists) and the comparison of what they answered with the kept rendering were what a home
 * page cost beyond a list page.
 * <p>
 * Never staler than the read models: a content is kept only when no write ran while it was read, and
 * served only while the store's stamp is the one it was read at, so once a projection has written a
 * new decision (and a reader could see it through the API, {@code minVersion} or not) the next request
 * reads again. While a write runs, or on an engine that cannot tell (a MongoDB server), every request
 * reads, as without this.
 */
@Component
class KeptWhileUnwritten {

    private final ReadStore store;
    /** Per key (a page and what it was asked with, within a small set): the last content kept. */
    private final Map<Object, Kept> kept = new ConcurrentHashMap<>();

    KeptWhileUnwritten(ReadStore store) {
        this.store = store;
    }

    /** A content read at a stamp of the store, for a value of what else it depends on (e.g. a fiscal year). */
    private record Kept(long stamp, Object dependsOn, String content) {
    }

    /**
     * The content for {@code key}: the kept one if the store was not written since it was read and
     * {@code dependsOn} is the same, else {@code read} now (kept if no write ran while it read).
     *
     * @param key       which content: its values must come from a small set (a page, a ward, a language)
     * @param dependsOn what the content depends on besides the read store, compared by value
     * @param read      reads and renders the content
     */
    Mono<String> content(Object key, Object dependsOn, Supplier<Mono<String>> read) {
        OptionalLong before = store.writeStamp();
        if (before.isPresent()) {
            Kept hit = kept.get(key);
            if (hit != null && hit.stamp() == before.getAsLong() && Objects.equals(hit.dependsOn(), dependsOn)) {
                return Mono.just(hit.content());
            }
        }
        return read.get().doOnNext(content -> {
            if (before.isPresent() && before.equals(store.writeStamp())) {
                kept.put(key, new Kept(before.getAsLong(), dependsOn, content));
            }
        });
    }
}
