package kyodo.query.listing;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.personal.PersonalDataProtector;
import kyodo.kernel.personal.SealedPersonalData;

import java.util.function.Function;

/**
 * Who is reading a staff view: the signed-in {@link Actor}, if any. Personal data (a proposer, a
 * meeting's participants) is opened only for staff whose ward scope covers the subject's ward, and
 * for city-wide staff (docs/api.md: "visible to staff of the same ward, ADMIN"); everyone else sees
 * {@link #WITHHELD_PLACEHOLDER}. Without a signed-in actor nothing is opened. Who signed in is the
 * HTTP edge's to say ({@code kyodo.query.web.CurrentViewer}).
 */
public final class Viewer {

    /** What a reader outside the subject's ward sees instead of a name or contact. */
    public static final String WITHHELD_PLACEHOLDER = "非表示（担当区外） / withheld (other ward)";

    /** Nobody signed in: nothing is opened. */
    public static final Viewer NOBODY = new Viewer(null);

    private final Actor actor;

    private Viewer(Actor actor) {
        this.actor = actor;
    }

    /** A viewer for that actor (null: nobody signed in). */
    public static Viewer of(Actor actor) {
        return actor == null ? NOBODY : new Viewer(actor);
    }

    /** Whether this reader may see the personal data of a subject of that ward (null: city-wide). */
    public boolean mayOpenPersonalDataOf(Ward subjectWard) {
        return actor != null && actor.role().issuesCommands() && actor.covers(subjectWard);
    }

    /**
     * What this reader sees of a subject's sealed personal data: the opened data when they may open
     * it; else {@link #WITHHELD_PLACEHOLDER}, without asking the vault; and the erased placeholder,
     * flagged erased, once the person was forgotten. Blocking (one vault lookup when opened).
     *
     * @param subjectWard the ward of the proposal or meeting the person belongs to (null: city-wide)
     * @param opened      the view of the opened data
     * @param placeholder the view showing a placeholder instead, and whether the person was erased
     */
    public <P, V> V show(Ward subjectWard, SealedPersonalData sealed, PersonalDataProtector protector,
                         Class<P> type, Function<P, V> opened, Placeholder<V> placeholder) {
        if (!mayOpenPersonalDataOf(subjectWard)) {
            return placeholder.show(WITHHELD_PLACEHOLDER, false);
        }
        return protector.open(sealed, type).map(opened)
                .orElseGet(() -> placeholder.show(PersonalDataProtector.ERASED_PLACEHOLDER, true));
    }

    /** A view of personal data that shows {@code text} in place of each of its personal fields. */
    @FunctionalInterface
    public interface Placeholder<V> {
        V show(String text, boolean erased);
    }
}
