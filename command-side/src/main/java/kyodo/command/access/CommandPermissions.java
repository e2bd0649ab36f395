package kyodo.command.access;

import kyodo.kernel.StaffRef;
import kyodo.kernel.Ward;
import kyodo.kernel.access.Actor;
import kyodo.kernel.access.Role;
import kyodo.kernel.problem.CommonProblems;
import kyodo.kernel.problem.KyodoProblemException;

import java.util.Set;

/**
 * Which roles may send which command: each command type maps to the {@link Permission} it names with
 * {@link Requires} ({@link Permission#DAILY_WORK} when it names none). Every role check of the command
 * side goes through here, whether it runs on the command bus ({@link CommandAccess}), in a service that
 * refuses before it starts a multi-step operation, or in an aggregate that knows the subject's ward.
 */
public final class CommandPermissions {

    private CommandPermissions() {
    }

    /** The permission a command of that type needs. */
    public static Permission of(Class<?> commandType) {
        Requires requires = commandType.getAnnotation(Requires.class);
        return requires == null ? Permission.DAILY_WORK : requires.value();
    }

    /** The roles that may send a command of that type, whatever its subject. */
    public static Set<Role> rolesFor(Class<?> commandType) {
        return of(commandType).roles();
    }

    /** Whether that role may send a command of that type to some subject. */
    public static boolean allows(Role role, Class<?> commandType) {
        return rolesFor(commandType).contains(role);
    }

    /**
     * Refuses (403) an actor whose role never has that permission, before anything is done on its
     * behalf (e.g. before money is reserved for an allocation).
     */
    public static void require(StaffRef actor, Permission permission) {
        require(roleOf(actor), permission);
    }

    /** Refuses (403) a role that may never send a command of that type: the command bus's check. */
    public static void require(Role role, Class<?> commandType) {
        require(role, of(commandType));
    }

    private static void require(Role role, Permission permission) {
        if (!permission.roles().contains(role)) {
            throw forbidden(permission.refusal());
        }
    }

    /** Refuses (403) an actor whose role may never send a command of that type. */
    public static void require(StaffRef actor, Class<?> commandType) {
        require(actor, of(commandType));
    }

    /**
     * Refuses (403) a command on a subject of that ward (null: city-wide) whose sender's role may not
     * act on it: where the permission depends on the subject, the aggregate that knows it asks here.
     */
    public static void requireOn(Object command, StaffRef by, Ward subjectWard) {
        Permission permission = of(command.getClass());
        if (!permission.rolesOn(subjectWard).contains(roleOf(by))) {
            throw forbidden(permission.refusalOn(subjectWard));
        }
    }

    /**
     * Refuses (403) a resident acting on a proposal that is not their own: a resident acts as the data
     * subject of their account, whose key sealed their proposals ({@code proposerSubject}). Staff pass.
     */
    public static void requireProposer(StaffRef by, String proposerSubject) {
        if (roleOf(by) == Role.RESIDENT && !by.staffId().equals(proposerSubject)) {
            throw forbidden("A resident acts only on their own proposals.");
        }
    }

    /**
     * Refuses (403) an erasure of that data subject by anyone but an ADMIN, or the resident whose account
     * it is, deleting it themselves (a resident acts as the data subject of their account).
     */
    public static void requireErasure(StaffRef by, String subjectId) {
        if (roleOf(by) != Role.RESIDENT || !by.staffId().equals(subjectId)) {
            require(by, Permission.PERSONAL_DATA_ERASURE);
        }
    }

    /** Refuses (403) a signed-in actor whose role issues no commands at all (an analyst only reads). */
    public static Actor requireIssuesCommands(Actor actor) {
        if (!actor.role().issuesCommands()) {
            throw forbidden("An " + actor.role() + " account reads analytics only and issues no commands.");
        }
        return actor;
    }

    /** The role someone acted in, or null for one that is not a staff role (e.g. the platform's SYSTEM). */
    private static Role roleOf(StaffRef actor) {
        return actor == null ? null : Role.fromName(actor.role()).orElse(null);
    }

    static KyodoProblemException forbidden(String detail) {
        return new KyodoProblemException(CommonProblems.FORBIDDEN, detail);
    }
}
