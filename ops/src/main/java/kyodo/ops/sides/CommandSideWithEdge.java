package kyodo.ops.sides;

/**
 * The command side alone behind the edge ({@code --kyodo.side=command}): aggregates, the command
 * API, and the sign-in, roles, ward scope, headers and limits of {@code kyodo.ops.security}; no
 * projection, read API or portal. Commands of other processes reach it through Axon Server.
 */
@SideWithEdge({"kyodo.command", "kyodo.ops"})
public class CommandSideWithEdge {
}
