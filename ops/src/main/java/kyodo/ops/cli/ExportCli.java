package kyodo.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import kyodo.query.analytics.AnalyticsCatalogue;
import kyodo.query.analytics.AnalyticsCsv;
import kyodo.query.analytics.AnalyticsQuery;
import kyodo.query.analytics.AnalyticsRow;
import kyodo.query.analytics.AnalyticsRows;
import kyodo.query.analytics.Dimension;
import kyodo.query.analytics.Measure;
import kyodo.query.analytics.ReadModelSchema;
import kyodo.query.audit.DecisionLog;
import kyodo.query.audit.DecisionLogEntry;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code export DIR [--kyodo.data-dir=…]}: writes the public read models as open data, the way a
 * city publishes them: one CSV per file (UTF-8 with BOM, header row, RFC 4180, as the
 * {@code /analytics} endpoints serve it, so Excel on Japanese Windows opens it), and
 * {@code datapackage.json} describing every file and every field (meaning, type, unit, where it
 * comes from). Nothing personal is in any of them: the read models hold none.
 *
 * <ul>
 *   <li>each analyst read model at its finest grain: grouped by every dimension; a multi-valued
 *       dimension (a proposal's themes) gets a file of its own, so the main file never counts a
 *       subject twice;</li>
 *   <li>the public decision log, entry by entry, with its hash chain.</li>
 * </ul>
 * The platform starts without serving HTTP, waits until the read models have caught up with the
 * event store, writes, and stops. Files are written next to their final name and moved into place.
 */
final class ExportCli {

    static final String USAGE = """
            usage: java -jar kyodo.jar export DIR [--kyodo.data-dir=DIR] [--setting=value …]
            """;
    static final String DESCRIPTION = "datapackage.json";

    private ExportCli() {
    }

    /** What {@code export …} was asked to do. */
    record Options(Path directory, List<String> settings) {
    }

    /** One exported file and what it holds. */
    record Resource(String name, String path, String description, String source, long rows,
                    List<Map<String, Object>> fields) {
    }

    static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options = new Usage("export", USAGE).parse(err, () -> parse(args)).orElse(null);
        if (options == null) {
            return Usage.WRONG;
        }
        ConfigurableApplicationContext context = PlatformArgs.offline(options.settings()).start("export", err);
        if (context == null) {
            return Usage.WRONG;
        }
        try {
            ProcessorProgress progress = ProcessorProgress.of(context);
            Duration timeout = context.getBean(ExportSettings.class).catchUpTimeout();
            if (!CatchUp.await(progress.streamingProcessors(), progress.head(), timeout, err)) {
                err.println("export: the read models did not catch up within " + timeout + "; nothing written");
                return 1;
            }
            List<Resource> resources = export(options.directory(), context.getBean(AnalyticsRows.class),
                    context.getBean(DecisionLog.class), context.getBean(ObjectMapper.class),
                    context.getBean(Clock.class));
            resources.forEach(r -> out.printf("  %-45s %8d rows%n", r.path(), r.rows()));
            out.println("exported " + resources.size() + " files and " + DESCRIPTION + " to " + options.directory());
            return 0;
        } catch (UncheckedIOException e) {
            err.println("export: cannot write to " + options.directory() + ": " + e.getCause().getMessage());
            return 1;
        } finally {
            context.close();
        }
    }

    static Options parse(List<String> args) {
        Path directory = null;
        List<String> settings = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith("--")) {
                settings.add(arg);
            } else if (directory == null) {
                directory = Path.of(arg);
            } else {
                throw new IllegalArgumentException("unexpected " + arg);
            }
        }
        if (directory == null) {
            throw new IllegalArgumentException("where to? (a directory)");
        }
        PlatformArgs.check(settings);
        return new Options(directory, List.copyOf(settings));
    }

    /** Writes every file and the description into the directory; the resources written. */
    static List<Resource> export(Path directory, AnalyticsRows analytics, DecisionLog log, ObjectMapper mapper,
                                 Clock clock) {
        try {
            Files.createDirectories(directory);
            List<Resource> resources = new ArrayList<>();
            for (ReadModelSchema model : AnalyticsCatalogue.all()) {
                List<String> single = model.dimensions().stream().filter(d -> !d.multiValued())
                        .map(Dimension::name).toList();
                resources.add(analytics(directory, analytics, model, single, null));
                for (Dimension multi : model.dimensions().stream().filter(Dimension::multiValued).toList()) {
                    List<String> all = new ArrayList<>(single);
                    all.add(multi.name());
                    resources.add(analytics(directory, analytics, model, all, multi));
                }
            }
            resources.add(decisionLog(directory, log));
            Map<String, Object> description = new LinkedHashMap<>();
            description.put("name", "kyodo-public-data");
            description.put("title", "kyodo 協働: public read models");
            description.put("description", "Open data of the kyodo civic participation platform. Counts, sums and "
                    + "public decisions only: no person's name or contact, no staff identity. CSV files are UTF-8 "
                    + "with a byte-order mark, a header row, CRLF line ends and RFC 4180 quoting; a text cell "
                    + "starting with = + - @ is prefixed with ' so that spreadsheets don't run it.");
            description.put("exportedAt", clock.instant().toString());
            description.put("personalData", "none");
            description.put("resources", resources);
            write(directory.resolve(DESCRIPTION), out -> out.write(mapper.copy()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(description)));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Resource analytics(Path directory, AnalyticsRows analytics, ReadModelSchema model,
                                      List<String> groupBy, Dimension multi) throws IOException {
        String file = "analytics-" + model.name().replace('/', '-') + (multi == null ? "" : "-by-" + multi.name())
                + ".csv";
        AnalyticsQuery query = AnalyticsQuery.of(model.name(), Map.of(), groupBy);
        long[] rows = {0};
        write(directory.resolve(file), out -> {
            try (Stream<AnalyticsRow> stream = analytics.stream(query)) {
                Iterator<AnalyticsRow> counted = stream.peek(r -> rows[0]++).iterator();
                AnalyticsCsv.write(out, query.columns(), counted);
            }
        });
        List<Map<String, Object>> fields = new ArrayList<>();
        for (String name : groupBy) {
            Dimension d = model.dimension(name).orElseThrow();
            fields.add(field(d.name(), d.type(), d.unit(), d.meaning() + (d.multiValued()
                    ? " (a subject with several counts once under each; the measures of this file add up per value)"
                    : "")));
        }
        for (Measure m : model.measures()) {
            fields.add(field(m.name(), m.type(), m.unit(), m.meaning()));
        }
        String description = model.meaning() + " One row per combination of " + String.join(", ", groupBy) + ".";
        return new Resource(file.substring(0, file.length() - 4), file, description,
                "read model " + model.name() + " (processing group " + model.processingGroup() + ", GET "
                        + model.path() + ")", rows[0], fields);
    }

    private static Resource decisionLog(Path directory, DecisionLog log) throws IOException {
        List<String> columns = List.of("seq", "decisionId", "subjectType", "subjectId", "ward", "kind", "outcome",
                "reason", "decidedByRole", "decidedAt", "basisType", "basisId", "eventId", "prevHash", "hash");
        long[] rows = {0};
        write(directory.resolve("decision-log.csv"), out -> {
            out.write(AnalyticsCsv.BOM);
            out.write(AnalyticsCsv.line(columns));
            long after = 0;
            List<DecisionLogEntry> page;
            do {
                page = log.after(after, DecisionLog.MAX_PAGE);
                for (DecisionLogEntry e : page) {
                    out.write(AnalyticsCsv.line(java.util.Arrays.asList(e.seq(), e.decisionId(), e.subjectType(),
                            e.subjectId(), e.ward(), e.kind(), e.outcome(), e.reason(), e.decidedByRole(),
                            e.decidedAt(), e.basis() == null ? null : e.basis().type(),
                            e.basis() == null ? null : e.basis().id(), e.eventId(), e.prevHash(), e.hash())));
                    after = e.seq();
                    rows[0]++;
                }
            } while (page.size() == DecisionLog.MAX_PAGE);
        });
        List<Map<String, Object>> fields = List.of(
                field("seq", "integer", "position", "position in the log, from 1, without gaps"),
                field("decisionId", "string", null, "the decision's id"),
                field("subjectType", "string", "code", "proposal, meeting, project or ward-budget"),
                field("subjectId", "string", null, "the subject's id (see /public/history/{subjectType}/{id})"),
                field("ward", "string", "ward code", "the subject's ward; empty for city-wide subjects"),
                field("kind", "string", "code", "kind of decision, e.g. PROPOSAL_ANSWER, BUDGET_ALLOCATION"),
                field("outcome", "string", "code", "what was decided, e.g. ACCEPTED, REJECTED, ALLOCATED"),
                field("reason", "string", null, "the public reason given with the decision"),
                field("decidedByRole", "string", "code", "role of the decider (STAFF, WARD_HEAD, ADMIN, SYSTEM); "
                        + "never the person"),
                field("decidedAt", "string", "ISO-8601 UTC", "when it was decided"),
                field("basisType", "string", "code", "what the decision rests on, e.g. meeting-resolution"),
                field("basisId", "string", null, "the id of that basis"),
                field("eventId", "string", null, "the event that recorded it"),
                field("prevHash", "string", "hex SHA-256", "hash of the previous entry (64 zeros for the first)"),
                field("hash", "string", "hex SHA-256", "SHA-256 of prevHash and the entry's canonical JSON "
                        + "(README, \"Verifiable decisions\"): recompute it to check the chain"));
        return new Resource("decision-log", "decision-log.csv", "Every decision (answers, resolutions, approvals, "
                + "budget allocations, envelopes) in the public, hash-chained decision log, in log order.",
                "read model decision_log (processing group " + DecisionLog.GROUP + ", GET /public/decisions)",
                rows[0], fields);
    }

    private static Map<String, Object> field(String name, String type, String unit, String meaning) {
        Map<String, Object> field = new LinkedHashMap<>();
        field.put("name", name);
        field.put("type", type);
        if (unit != null) {
            field.put("unit", unit);
        }
        field.put("description", meaning);
        return field;
    }

    /** What writes one file's content. */
    private interface Content {
        void writeTo(Writer out) throws IOException;
    }

    /** Writes a file in full beside its place, then moves it there: a reader never sees half a file. */
    private static void write(Path target, Content content) throws IOException {
        Path partial = target.resolveSibling(target.getFileName() + ".partial");
        try (Writer out = Files.newBufferedWriter(partial, StandardCharsets.UTF_8)) {
            content.writeTo(out);
        }
        Files.move(partial, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
