package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;

import java.time.Instant;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The registry of every feature's {@link FeatureHistory}, one per kind of subject (Spring collects
 * them for {@link SubjectHistory}). It describes any event by the feature that tells its type and
 * replays a subject with its own feature's state; it knows no event type itself. Pure: no stores,
 * no clock.
 */
final class FeatureHistories {

    private final Map<SubjectType, FeatureHistory> byType = new EnumMap<>(SubjectType.class);
    private final Map<Class<?>, FeatureHistory> byEvent = new HashMap<>();

    /**
     * @throws IllegalStateException when a kind of subject has no feature, or two, or when two features
     *                               tell the same event type: the app must not start with a gap or a clash
     */
    FeatureHistories(List<FeatureHistory> features) {
        for (FeatureHistory feature : features) {
            FeatureHistory before = byType.put(feature.subjectType(), feature);
            if (before != null) {
                throw new IllegalStateException("Two features tell the history of a " + feature.subjectType().code()
                        + ": " + before.getClass().getName() + " and " + feature.getClass().getName());
            }
            for (Class<?> type : feature.eventTypes()) {
                FeatureHistory teller = byEvent.put(type, feature);
                if (teller != null) {
                    throw new IllegalStateException("Two features tell " + type.getName() + ": "
                            + teller.getClass().getName() + " and " + feature.getClass().getName());
                }
            }
        }
        String missing = Arrays.stream(SubjectType.values()).filter(type -> !byType.containsKey(type))
                .map(SubjectType::code).collect(Collectors.joining(", "));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("No feature tells the history of: " + missing);
        }
    }

    /** The aggregate type whose stream tells a subject's story. */
    public String aggregateType(SubjectType type) {
        return byType.get(type).aggregateType();
    }

    /**
     * The event as the public history shows it. An event no feature knows, or one too malformed to
     * describe, gets a generic description and no data: an odd old event must not break the history.
     */
    public HistoryEntry describe(HistoryEvent event) {
        Object payload = event.payload();
        FeatureHistory teller = byEvent.get(payload.getClass());
        EventStory story;
        try {
            story = teller == null ? null : teller.describe(payload);
        } catch (RuntimeException unexpected) {
            story = null;
        }
        if (story == null) {
            String name = payload.getClass().getSimpleName();
            story = new EventStory("種類不明の記録（" + name + "）", "Recorded (" + name + ")", Map.of());
        }
        return new HistoryEntry(event.seq(), event.at(), PublicData.kind(payload.getClass()), story.ja(), story.en(),
                story.data());
    }

    /**
     * The state after every event recorded at or before {@code asOf}.
     *
     * @param events the subject's events in stream order
     * @return the state and the sequence number of the last event applied ({@code -1} when none)
     */
    public Replayed replay(SubjectType type, List<HistoryEvent> events, Instant asOf) {
        SubjectState state = byType.get(type).newState();
        long version = -1;
        for (HistoryEvent event : events) {
            if (event.at().isAfter(asOf)) {
                break; // a stream is in order: nothing later can be earlier
            }
            state.apply(event.payload());
            version = event.seq();
        }
        return new Replayed(version, version < 0 ? Map.of() : state.toMap());
    }

    /**
     * @param version sequence number of the last event applied, {@code -1} when none was
     * @param state   the public state those events leave
     */
    public record Replayed(long version, Map<String, Object> state) {
    }
}
