package kyodo.query.history;

import java.util.Map;

/**
 * One subject's public state while its events are replayed in order, for the history's
 * {@code asOf}. Pure: plain events in, a plain map out, no stores and no clock.
 */
public interface SubjectState {

    /** Folds the next event of the subject's stream in; an event the feature does not know is skipped. */
    void apply(Object event);

    /** The public state the events so far leave: JSON-friendly values, no personal data, roles not staff ids. */
    Map<String, Object> toMap();
}
