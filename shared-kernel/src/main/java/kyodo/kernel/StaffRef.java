package kyodo.kernel;

/**
 * Who acted: a staff member's id (an account id, never a name) and the role they acted in. Staff
 * views may show the id; public views show only the role.
 *
 * @param staffId account id of the staff member
 * @param role    STAFF, WARD_HEAD, ADMIN, RESIDENT (or SYSTEM for the platform's own timers)
 */
public record StaffRef(String staffId, String role) {

    /** The platform itself, e.g. a deadline that passed. */
    public static final StaffRef SYSTEM = new StaffRef("kyodo", "SYSTEM");
}
