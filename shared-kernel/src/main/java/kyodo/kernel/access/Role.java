package kyodo.kernel.access;

import java.util.Optional;

/**
 * What a signed-in person may do (docs/api.md, "Areas and who may call them"). Roles are coarse on
 * purpose: the ward scope of the {@link Actor} narrows them to one ward.
 */
public enum Role {
    /** Ward office or city staff: proposals, meetings, projects, within their ward or city-wide. */
    STAFF,
    /** Head of one ward: what staff do there, plus approvals and budget allocations of its projects. */
    WARD_HEAD,
    /** City-wide administrator: ward budget envelopes, erasure of a person's data, accounts. */
    ADMIN,
    /** Reads the analytics read models, nothing else: never issues a command. */
    ANALYST,
    /**
     * A verified resident on the portal (issue 17), never a staff account: submits, revises and withdraws
     * their own proposals, supports proposals and erases their own data. Its commands are scoped to the
     * proposal's ward by the residents' pages.
     */
    RESIDENT;

    /** The role of that name, if there is one ({@code "STAFF"}, ...). */
    public static Optional<Role> fromName(String name) {
        for (Role role : values()) {
            if (role.name().equals(name)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** Whether this role issues commands at all. */
    public boolean issuesCommands() {
        return this != ANALYST;
    }

    /** Whether this role must be scoped to one ward (a ward head always is). */
    public boolean needsWard() {
        return this == WARD_HEAD;
    }

    /** Whether a staff account (local or OIDC) may have this role: a resident's is never one. */
    public boolean staff() {
        return this != RESIDENT;
    }

    /** Whether this role can only be city-wide (an administrator or analyst has no ward). */
    public boolean cityWideOnly() {
        return this == ADMIN || this == ANALYST;
    }
}
