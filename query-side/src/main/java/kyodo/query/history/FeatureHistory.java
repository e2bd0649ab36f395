package kyodo.query.history;

import kyodo.kernel.decision.SubjectType;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A feature's part of the public history: how its events read and what state they leave. Each
 * feature extends it beside its projection (e.g. {@code ProposalHistory}) as a Spring bean and says,
 * event type by event type, how its events read: a static method of the subclass that takes one
 * event and answers an {@link EventStory} tells the events of its parameter's type (found once, when
 * the feature is made). {@link FeatureHistories} collects the features. So a new event or field is
 * described and replayed in the feature's own folder, and this package knows only this type.
 */
public abstract class FeatureHistory {

    private final SubjectType subjectType;
    private final String aggregateType;
    private final Supplier<SubjectState> states;
    private final Map<Class<?>, Function<Object, EventStory>> stories = new LinkedHashMap<>();

    /**
     * @param subjectType   the kind of subject whose story this feature tells
     * @param aggregateType the aggregate type whose stream in the event store tells it, e.g. {@code "Proposal"}
     * @param states        a fresh state, before a subject's first event, to replay its events into
     */
    protected FeatureHistory(SubjectType subjectType, String aggregateType, Supplier<SubjectState> states) {
        this.subjectType = Objects.requireNonNull(subjectType, "subjectType");
        this.aggregateType = Objects.requireNonNull(aggregateType, "aggregateType");
        this.states = Objects.requireNonNull(states, "states");
        Arrays.stream(getClass().getDeclaredMethods())
                .filter(method -> Modifier.isStatic(method.getModifiers()) && !method.isSynthetic()
                        && method.getReturnType() == EventStory.class && method.getParameterCount() == 1)
                .sorted(Comparator.comparing(Method::getName))
                .forEach(this::tellBy);
    }

    /** Tells the events of the method's parameter type by the method. */
    private void tellBy(Method method) {
        MethodHandle story;
        try {
            method.setAccessible(true);
            story = MethodHandles.lookup().unreflect(method);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalStateException(getClass().getName() + " cannot tell by " + method.getName(), e);
        }
        tell(method.getParameterTypes()[0], event -> {
            try {
                return (EventStory) story.invoke(event);
            } catch (RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /**
     * How events of one type read for the public, when not told by a static method (see above); once
     * per event type. The story shows sealed personal data as {@link PublicData#PERSONAL} and a staff
     * member as a role, and is built with {@link PublicData} so every feature speaks the same way.
     *
     * @throws IllegalStateException when the type already has a story here
     */
    protected final <E> void tell(Class<E> type, Function<? super E, EventStory> story) {
        Objects.requireNonNull(story, "story");
        if (stories.putIfAbsent(type, event -> story.apply(type.cast(event))) != null) {
            throw new IllegalStateException(getClass().getName() + " tells " + type.getName() + " twice");
        }
    }

    /** The event types this feature tells. */
    public final Set<Class<?>> eventTypes() {
        return Set.copyOf(stories.keySet());
    }

    /** The event told for the public, or {@code null} when it is not one of this feature's event types. */
    public final EventStory describe(Object event) {
        Function<Object, EventStory> story = stories.get(event.getClass());
        return story == null ? null : story.apply(event);
    }

    public final SubjectType subjectType() {
        return subjectType;
    }

    public final String aggregateType() {
        return aggregateType;
    }

    public final SubjectState newState() {
        return states.get();
    }
}
