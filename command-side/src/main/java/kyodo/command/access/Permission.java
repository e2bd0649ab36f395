package kyodo.command.access;

import kyodo.kernel.Ward;
import kyodo.kernel.access.Role;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may do what on the command side (docs/api.md, "Areas and who may call them"): the one place that
 * names roles. Everything a ward office does day to day is open to its staff, its head and the
 * city-wide administrators; money, approvals and erasure are narrower. An analyst does none of it.
 * A command names the permission it needs with {@link Requires} (none: {@link #DAILY_WORK}).
 *
 * <p>Some permissions depend on the subject: a ward project is approved by its ward head, a
 * city-wide one by an ADMIN. Before the subject is loaded only the union of both can be checked
 * ({@link #roles()}); the aggregate, which knows the subject's ward, asks {@link #rolesOn(Ward)}.
 * The ward scope itself (a 幸区 clerk never touches a 中原区 subject) is checked for every command
 * by {@link CommandAccess}.
 */
public enum Permission {

    /** Proposals, meetings, projects: a ward office's daily work. */
    DAILY_WORK(EnumSet.of(Role.STAFF, Role.WARD_HEAD, Role.ADMIN),
            "Commands are issued by staff, ward heads and administrators."),
    /** Setting a ward's budget envelope for a fiscal year. */
    BUDGET_ENVELOPE(EnumSet.of(Role.ADMIN), "Budget envelopes are set by an ADMIN."),
    /** Allocating a ward's money to a project (reserving, recording and releasing it). */
    BUDGET_ALLOCATION(EnumSet.of(Role.WARD_HEAD), "Budget allocations are the ward head's decision."),
    /** Approving a project: its ward's head, or an ADMIN for a city-wide project. */
    PROJECT_APPROVAL(EnumSet.of(Role.WARD_HEAD), "The ward head approves ward projects.",
            EnumSet.of(Role.ADMIN), "A city-wide project is approved by an ADMIN.",
            "A project is approved by its ward head, or by an ADMIN when it is city-wide."),
    /** Erasing a person's data for good (crypto-shredding). */
    PERSONAL_DATA_ERASURE(EnumSet.of(Role.ADMIN), "Only an ADMIN may erase personal data."),
    /** Finding every record of a person by their contact. */
    PERSON_LOOKUP(EnumSet.of(Role.ADMIN), "Only an ADMIN may look a person up."),
    /**
     * Submitting, revising and withdrawing a proposal: staff's daily work, and a resident's own act on
     * their own proposal ({@link CommandPermissions#requireProposer}).
     */
    PROPOSER_ACT(EnumSet.of(Role.STAFF, Role.WARD_HEAD, Role.ADMIN, Role.RESIDENT),
            "Proposals are recorded by staff, or by residents on their own proposals."),
    /** Supporting a proposal, or withdrawing one's support: a verified resident's alone, never staff's. */
    SUPPORT(EnumSet.of(Role.RESIDENT), "Only a verified resident supports a proposal.");

    private final Set<Role> onWardSubject;
    private final String wardRefusal;
    private final Set<Role> onCityWideSubject;
    private final String cityWideRefusal;
    private final String refusal;

    Permission(Set<Role> roles, String refusal) {
        this(roles, refusal, roles, refusal, refusal);
    }

    Permission(Set<Role> onWardSubject, String wardRefusal, Set<Role> onCityWideSubject, String cityWideRefusal,
               String refusal) {
        this.onWardSubject = Collections.unmodifiableSet(onWardSubject);
        this.wardRefusal = wardRefusal;
        this.onCityWideSubject = Collections.unmodifiableSet(onCityWideSubject);
        this.cityWideRefusal = cityWideRefusal;
        this.refusal = refusal;
    }

    /** The roles that may have it on some subject: what can be checked before the subject is known. */
    public Set<Role> roles() {
        EnumSet<Role> any = EnumSet.copyOf(onWardSubject);
        any.addAll(onCityWideSubject);
        return Collections.unmodifiableSet(any);
    }

    /** The roles that may have it on a subject of that ward (null: a city-wide subject). */
    public Set<Role> rolesOn(Ward subjectWard) {
        return subjectWard == null ? onCityWideSubject : onWardSubject;
    }

    /** Why a role that never has it is refused, in words for the problem detail (no class names). */
    String refusal() {
        return refusal;
    }

    /** Why a role without it is refused on a subject of that ward, in words for the problem detail. */
    String refusalOn(Ward subjectWard) {
        return subjectWard == null ? cityWideRefusal : wardRefusal;
    }
}
