package kyodo.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.ops.DebianPackages;
import kyodo.ops.sides.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What {@code ops/deploy/} tells an operator to run exists: every unit starts the server with options
 * the jar takes and settings Spring Boot, Axon or kyodo declare (their configuration metadata), and
 * passes {@code systemd-analyze verify}, the one-machine unit with the README's small-machine JVM flags; every setting in the settings files and the runbook is
 * declared; every command of the runbook is one the jar's usage lists; the nginx configurations pass
 * {@code nginx -t}, route the live streams unbuffered and the split's writes to the command side.
 */
class DeployFilesTest {

    /** The module's deploy folder (Maven runs the tests in the module's directory). */
    private static final Path DEPLOY = Path.of("deploy");
    private static final Pattern SETTING = Pattern.compile(
            "(?<![\\w/.-])((?:kyodo|spring|axon|server|management)\\.[a-z0-9-]+(?:\\.[a-z0-9-]+)*)");
    /** Names that look like settings and are files, hosts or classes. */
    private static final Pattern NOT_A_SETTING = Pattern.compile(
            ".*\\.(jar|properties|service|conf|pem|example)$|kyodo\\.kernel\\..*|server\\.log");

    @TempDir
    Path scratch;

    @Test
    void theUnitsStartTheServerWithOptionsAndSettingsThatExist() throws IOException {
        Map<Path, Side> units = Map.of(DEPLOY.resolve("single/kyodo.service"), Side.BOTH,
                DEPLOY.resolve("cluster/kyodo-command@.service"), Side.COMMAND,
                DEPLOY.resolve("cluster/kyodo-query@.service"), Side.QUERY);
        Set<String> declared = declaredSettings();
        for (Map.Entry<Path, Side> unit : units.entrySet()) {
            String execStart = Files.readAllLines(unit.getKey()).stream().filter(l -> l.startsWith("ExecStart="))
                    .findFirst().orElseThrow().substring("ExecStart=".length()).replace("%i", "1");
            List<String> words = List.of(execStart.split(" +"));
            assertThat(words).as(unit.getKey() + ": never calls home").contains("-Daxoniq.update-checker.disabled=true");
            int jar = words.indexOf("-jar");
            // the one machine runs the extracted layout, as the README's small-machine command (ADR 33)
            assertThat(words.get(jar + 1)).as(unit.getKey() + ": the jar the runbook installs").isEqualTo(
                    unit.getValue() == Side.BOTH ? "/opt/kyodo/app/kyodo.jar" : "/opt/kyodo/kyodo.jar");
            String[] args = words.subList(jar + 2, words.size()).toArray(String[]::new);
            assertThat(KyodoCli.isCommand(args)).as(unit.getKey() + " starts the server: " + execStart).isFalse();
            assertThat(Side.of(args)).as(unit.getKey() + ": its side").isEqualTo(unit.getValue());
            for (String setting : KyodoCli.serverSettings(args)) {
                String name = setting.substring(2, setting.indexOf('='));
                if (!name.equals("kyodo.side")) {
                    assertThat(declared).as(unit.getKey() + ": " + setting).contains(name);
                }
            }
            Path instance = scratch.resolve(unit.getKey().getFileName().toString().replace("@.", "@1."));
            Files.copy(unit.getKey(), instance);
            assertThat(run("systemd", List.of("systemd-analyze", "verify", instance.toString())))
                    .as(unit.getKey() + ": systemd-analyze verify").isEqualTo(0);
        }
    }

    @Test
    void theOneMachineUnitRunsTheReadmesSmallMachineCommand() throws IOException {
        Matcher command = Pattern.compile("MALLOC_ARENA_MAX=(\\d+) java ([^`]*?)-jar ops/target/kyodo/kyodo\\.jar")
                .matcher(Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8));
        assertThat(command.find()).as("the README's small-machine command").isTrue();
        List<String> flags = Stream.of(command.group(2).replace("\\", " ").split("\\s+")).filter(f -> !f.isEmpty())
                .toList();
        assertThat(flags).as("the README's JVM flags").contains("-XX:+UseSerialGC").anyMatch(f -> f.startsWith("-Xmx"));
        List<String> unit = Files.readAllLines(DEPLOY.resolve("single/kyodo.service"));
        assertThat(unit).as("single/kyodo.service: the README's malloc arenas")
                .contains("Environment=MALLOC_ARENA_MAX=" + command.group(1));
        String execStart = unit.stream().filter(l -> l.startsWith("ExecStart=")).findFirst().orElseThrow();
        assertThat(List.of(execStart.split(" +"))).as("single/kyodo.service: the README's JVM flags").containsAll(flags);
        assertThat(runbook()).as("the runbook's install extracts what the one-machine unit runs")
                .contains("java -Djarmode=tools -jar /opt/kyodo/kyodo.jar extract --destination /opt/kyodo/app");
    }

    @Test
    void everySettingTheFilesAndTheRunbookNameIsDeclared() throws IOException {
        Set<String> declared = declaredSettings();
        for (Path file : List.of(DEPLOY.resolve("single/kyodo.properties"), DEPLOY.resolve("cluster/kyodo.properties"))) {
            Properties properties = new Properties();
            try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
            assertThat(properties).as(file + " sets something").isNotEmpty();
            assertThat(declared).as(file.toString()).containsAll(properties.stringPropertyNames());
        }
        Set<String> named = new TreeSet<>();
        Matcher settings = SETTING.matcher(runbook());
        while (settings.find()) {
            if (!NOT_A_SETTING.matcher(settings.group(1)).matches()) {
                named.add(settings.group(1));
            }
        }
        assertThat(named).as("the runbook names settings").contains("kyodo.audit.previous-public-keys",
                "kyodo.startup.retry-give-up-after", "kyodo.health.lag-threshold", "spring.datasource.url");
        assertThat(declared).as("the settings the runbook names").containsAll(named);
    }

    @Test
    void everyCommandOfTheRunbookIsOneTheJarTakes() throws IOException {
        List<String> commands = new ArrayList<>();
        String lines = commandLines(runbook());
        Matcher jar = Pattern.compile("kyodo\\.jar ([a-z]+ ?[a-z]*)").matcher(lines);
        while (jar.find()) {
            String before = lines.substring(lines.lastIndexOf('\n', jar.start()) + 1, jar.start());
            if (!before.contains("-Djarmode=tools")) { // Spring Boot's tools (extract), not kyodo's command line
                commands.add(jar.group(1).strip());
            }
        }
        assertThat(commands).as("the runbook's commands").contains("audit verify", "audit check", "projections replay");
        for (String command : commands) {
            String[] words = command.split(" ");
            assertThat(KyodoCli.isCommand(words)).as(command).isTrue();
            assertThat(KyodoCli.USAGE.lines().filter(l -> l.contains("java -jar kyodo.jar " + words[0] + " "))
                    .anyMatch(l -> words.length == 1 || l.contains(" " + words[1] + " "))).as(command).isTrue();
        }
    }

    @Test
    void nginxAcceptsTheConfigurationsWhichStreamUnbufferedAndSendWritesToTheCommandSide() throws IOException {
        DebianPackages.ensure("The deployment's nginx check", List.of("nginx", "openssl"),
                () -> Stream.of("/usr/sbin/nginx", "/usr/bin/openssl").filter(p -> !Files.isExecutable(Path.of(p)))
                        .toList());
        Path certificate = scratch.resolve("fullchain.pem");
        Path key = scratch.resolve("privkey.pem");
        assertThat(DebianPackages.run(List.of("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
                "-subj", "/CN=kyodo.test", "-keyout", key.toString(), "-out", certificate.toString()))).isZero();
        for (Path conf : List.of(DEPLOY.resolve("single/nginx/kyodo.conf"), DEPLOY.resolve("cluster/nginx/kyodo.conf"))) {
            String site = Files.readString(conf);
            assertThat(site).as(conf + ": the streams").contains("location ~ ^/public/(decisions|dashboard)/stream$ {\n"
                    + "        proxy_pass http://kyodo").contains("proxy_buffering off;")
                    .contains("proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;");
            Path copy = scratch.resolve("site.conf");
            Files.writeString(copy, site.replace("/etc/ssl/kyodo/", scratch + "/"));
            Path main = scratch.resolve("nginx.conf");
            Files.writeString(main, "pid " + scratch.resolve("nginx.pid") + ";\nerror_log " + scratch.resolve("error.log")
                    + ";\nevents {}\nhttp { access_log off; include " + copy + "; }\n");
            assertThat(DebianPackages.run(List.of("nginx", "-t", "-p", scratch.toString(), "-c", main.toString())))
                    .as(conf + ": nginx -t (see target/commands.log)").isZero();
        }
        String split = Files.readString(DEPLOY.resolve("cluster/nginx/kyodo.conf"));
        assertThat(split).contains("GET     kyodo_query;", "HEAD    kyodo_query;", "default kyodo_command;",
                "location /api/ {\n        proxy_pass http://$kyodo_side;");
    }

    private static int run(String packageName, List<String> command) throws IOException {
        DebianPackages.ensure("The deployment's unit check", List.of(packageName),
                () -> Files.isExecutable(Path.of("/usr/bin", command.get(0))) ? List.of() : List.of(command.get(0)));
        return DebianPackages.run(command);
    }

    private static String runbook() throws IOException {
        return Files.readString(DEPLOY.resolve("RUNBOOK.md"), StandardCharsets.UTF_8);
    }

    /** The runbook's code: fenced blocks line by line, inline spans with their line breaks undone. */
    private static String commandLines(String markdown) {
        StringBuilder code = new StringBuilder();
        String[] fences = markdown.split("```");
        for (int i = 0; i < fences.length; i++) {
            if (i % 2 == 1) {
                code.append(fences[i]).append('\n');
            } else {
                String[] spans = fences[i].replaceAll("\\s+", " ").split("`");
                for (int s = 1; s < spans.length; s += 2) {
                    code.append(spans[s]).append('\n');
                }
            }
        }
        return code.toString();
    }

    /** Every setting Spring Boot, Axon and kyodo declare in their configuration metadata on the class path. */
    private static Set<String> declaredSettings() throws IOException {
        Set<String> names = new TreeSet<>();
        ObjectMapper mapper = new ObjectMapper();
        for (URL metadata : Collections.list(DeployFilesTest.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = metadata.openStream()) {
                for (JsonNode property : mapper.readTree(in).path("properties")) {
                    names.add(property.path("name").asText());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(metadata.toString(), e);
            }
        }
        assertThat(names).as("configuration metadata").contains("server.port", "kyodo.data-dir");
        return names;
    }
}
