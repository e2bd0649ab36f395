package kyodo.command.access;

import kyodo.kernel.access.Role;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Which roles may send which command (API.md, "Areas and who may call them"). Everything a ward
 * office does day to day is open to its staff, its head and the city-wide administrators; money
 * and approvals are narrower. An analyst sends nothing. The aggregates keep the finer rules that
 * depend on the subject (a ward project is approved by its ward head, a city-wide one by an ADMIN).
 */
public final class CommandPermissions {

    private static final Set<Role> DAILY_WORK = EnumSet.of(Role.STAFF, Role.WARD_HEAD, Role.ADMIN);

    private static final Map<String, Set<Role>> NARROWER = Map.of(
            "kyodo.command.budget.SetEnvelope", EnumSet.of(Role.ADMIN),
            "kyodo.command.budget.ReserveFunds", EnumSet.of(Role.WARD_HEAD),
            "kyodo.command.budget.ReleaseFunds", EnumSet.of(Role.WARD_HEAD),
            "kyodo.command.project.RecordAllocation", EnumSet.of(Role.WARD_HEAD),
            "kyodo.command.project.ApproveProject", EnumSet.of(Role.WARD_HEAD, Role.ADMIN));

    private CommandPermissions() {
    }

    /** The roles that may send a command of that type. */
    public static Set<Role> rolesFor(String commandName) {
        return NARROWER.getOrDefault(commandName, DAILY_WORK);
    }

    /** Whether that role may send a command of that type. */
    public static boolean allows(Role role, String commandName) {
        return rolesFor(commandName).contains(role);
    }
}
