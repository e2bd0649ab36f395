package kyodo.kernel.access;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The signed-in person behind a request: an account id (a staff number, never a name), a role, and
 * the ward they are scoped to ({@code null}: city-wide). Produced by authentication (local accounts
 * or an OIDC token) and read by both sides: the command side to decide whether the person may act
 * on a subject of a ward, the query side to decide whether they may see its personal data.
 *
 * @param staffId account id
 * @param role    role
 * @param ward    the ward they are scoped to, or null for city-wide
 */
public record Actor(String staffId, Role role, Ward ward) {

    /** What an account id looks like: short, no spaces, nothing that could be a name in kana or kanji. */
    public static final Pattern STAFF_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Actor {
        Objects.requireNonNull(staffId, "staffId");
        Objects.requireNonNull(role, "role");
        if (!STAFF_ID.matcher(staffId).matches()) {
            throw new IllegalArgumentException("an account id is 1-64 of A-Z a-z 0-9 . _ -");
        }
        if (role.needsWard() && ward == null) {
            throw new IllegalArgumentException(role + " is scoped to one ward");
        }
        if (role.cityWideOnly() && ward != null) {
            throw new IllegalArgumentException(role + " is city-wide");
        }
    }

    /** Whether the actor's scope covers a subject of that ward (null: a city-wide subject). */
    public boolean covers(Ward subjectWard) {
        return ward == null || ward == subjectWard;
    }

    /** Whether the actor is city-wide. */
    public boolean cityWide() {
        return ward == null;
    }

    /** How events record them: the id and the role, never the ward scope nor a name. */
    public StaffRef staffRef() {
        return new StaffRef(staffId, role.name());
    }

    /** The scope as carried in command metadata: a ward code, or {@code *} for city-wide. */
    public String scopeCode() {
        return ward == null ? CITY_WIDE : ward.code();
    }

    /** The scope code of a city-wide actor. */
    public static final String CITY_WIDE = "*";
}
