package kyodo.ops.startup;

import com.mongodb.ConnectionString;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One network address a store of kyodo is reached at, with what an operator needs to fix it when it
 * does not answer: the engine, what kyodo keeps there and the setting that names it. Files (the
 * embedded H2 stores) and addresses resolved through DNS records ({@code mongodb+srv:}) have none.
 *
 * @param engine  the server, e.g. {@code PostgreSQL}
 * @param holds   what kyodo keeps there, e.g. {@code the event store}
 * @param setting the setting that names the address
 * @param host    host name or IP literal
 * @param port    TCP port
 */
public record StoreAddress(String engine, String holds, String setting, String host, int port) {

    /** JDBC engines that listen on a network address, and their default ports. */
    private static final Map<String, Integer> JDBC_PORTS = Map.of("postgresql", 5432, "mysql", 3306,
            "mariadb", 3306, "h2:tcp", 9092, "h2:ssl", 9092);
    private static final int AXON_SERVER_PORT = 8124;
    private static final int MONGODB_PORT = 27017;

    /** {@code host:port}, as the operator wrote it in the setting. */
    public String address() {
        return host + ":" + port;
    }

    /**
     * The servers of a JDBC URL ({@code jdbc:postgresql://a:5432,b/db}); none for a file or in-memory
     * database or an engine whose URLs this does not know.
     */
    static List<StoreAddress> ofJdbc(String setting, String holds, String url) {
        if (url == null || !url.startsWith("jdbc:")) {
            return List.of();
        }
        String rest = url.substring("jdbc:".length());
        for (Map.Entry<String, Integer> engine : JDBC_PORTS.entrySet()) {
            String prefix = engine.getKey() + "://";
            if (rest.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                String authority = rest.substring(prefix.length()).split("[/?;]", 2)[0];
                return hosts(authority, engine.getValue(), jdbcEngine(engine.getKey()), holds, setting);
            }
        }
        return List.of();
    }

    /** The servers of a MongoDB connection string; none for {@code mongodb+srv:} (found through DNS). */
    static List<StoreAddress> ofMongo(String setting, String uri) {
        if (uri == null || uri.isBlank()) {
            return List.of();
        }
        ConnectionString parsed = new ConnectionString(uri);
        if (parsed.isSrvProtocol()) {
            return List.of();
        }
        return hosts(String.join(",", parsed.getHosts()), MONGODB_PORT, "MongoDB", "the read models", setting);
    }

    /** The servers of {@code axon.axonserver.servers} ({@code host[:port],…}). */
    static List<StoreAddress> ofAxonServer(String setting, String servers) {
        if (servers == null || servers.isBlank()) {
            return List.of();
        }
        return hosts(servers, AXON_SERVER_PORT, "Axon Server", "the events and messages", setting);
    }

    private static List<StoreAddress> hosts(String list, int defaultPort, String engine, String holds, String setting) {
        List<StoreAddress> addresses = new ArrayList<>();
        for (String server : list.split(",")) {
            String hostPort = server.trim();
            if (hostPort.isEmpty()) {
                continue;
            }
            int colon = hostPort.lastIndexOf(':');
            boolean hasPort = colon > 0 && hostPort.indexOf(']') < colon && !hostPort.endsWith("]");
            String host = hasPort ? hostPort.substring(0, colon) : hostPort;
            int port = hasPort ? Integer.parseInt(hostPort.substring(colon + 1)) : defaultPort;
            addresses.add(new StoreAddress(engine, holds, setting, host.replaceAll("^\\[|]$", ""), port));
        }
        return addresses;
    }

    private static String jdbcEngine(String subprotocol) {
        return switch (subprotocol) {
            case "postgresql" -> "PostgreSQL";
            case "mysql" -> "MySQL";
            case "mariadb" -> "MariaDB";
            default -> "the H2 server";
        };
    }
}
