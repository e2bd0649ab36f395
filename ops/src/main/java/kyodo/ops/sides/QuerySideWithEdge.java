package kyodo.ops.sides;

import kyodo.command.platform.CompactionSettings;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The query side alone behind the edge ({@code --kyodo.side=query}): projections, the read API and
 * the portal, with the sign-in, roles, ward scope, headers and limits of {@code kyodo.ops.security},
 * so that {@code /api} and {@code /analytics} are never served to the anonymous public; no
 * aggregate or command API. Events of other processes reach it through Axon Server.
 */
@SideWithEdge({"kyodo.query", "kyodo.ops"})
// the command side's storage auto-configuration (the embedded event store's schema and upkeep, the key
// vault that personal data is read through) is on the class path, and binds its settings from here
@EnableConfigurationProperties(CompactionSettings.class)
public class QuerySideWithEdge {
}
