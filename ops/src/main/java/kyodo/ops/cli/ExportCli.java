package kyodo.ops.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import kyodo.ops.export.ExportFiles;
import kyodo.ops.export.PublicTables;
import kyodo.ops.export.TableField;
import kyodo.ops.export.TableResource;
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
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.project.ProjectViews;
import kyodo.query.proposal.ProposalViews;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
 * {@code datapackage.json}, a Frictionless Data Package describing every file (dialect, encoding,
 * size, SHA-256) and every field (meaning, type, unit, where it comes from). Nothing personal is in
 * any of them: the public read models hold none.
 *
 * <ul>
 *   <li>the public read models, proposals, meetings, projects and ward budgets, one row per subject
 *       as their public lists show them ({@link PublicTables});</li>
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

    static int run(PrintStream out, PrintStream err, List<String> args) {
        Options options = new Usage("export", USAGE).parse(err, () -> parse(args)).orElse(null);
        if (options == null) {
            return Usage.WRONG;
        }
        return PlatformArgs.offline(options.settings()).run("export", err,
                context -> export(context, options, out, err));
    }

    private static int export(ConfigurableApplicationContext context, Options options, PrintStream out,
                              PrintStream err) {
        try {
            ProcessorProgress progress = ProcessorProgress.of(context);
            Duration timeout = context.getBean(ExportSettings.class).catchUpTimeout();
            if (!CatchUp.await(progress.streamingProcessors(), progress.head(), timeout, err)) {
                err.println("export: the read models did not catch up within " + timeout + "; nothing written");
                return 1;
            }
            ObjectMapper mapper = context.getBean(ObjectMapper.class);
            PublicTables tables = new PublicTables(context.getBean(ProposalViews.class),
                    context.getBean(MeetingViews.class), context.getBean(ProjectViews.class),
                    context.getBean(WardBudgetViews.class), mapper);
            List<TableResource> resources = export(options.directory(), tables, context.getBean(AnalyticsRows.class),
                    context.getBean(DecisionLog.class), mapper, context.getBean(Clock.class));
            resources.forEach(r -> out.printf("  %-45s %8d rows%n", r.path(), r.rows()));
            out.println("exported " + resources.size() + " files and " + DESCRIPTION + " to " + options.directory());
            return 0;
        } catch (UncheckedIOException e) {
            err.println("export: cannot write to " + options.directory() + ": " + e.getCause().getMessage());
            return 1;
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
    static List<TableResource> export(Path directory, PublicTables tables, AnalyticsRows analytics, DecisionLog log,
                                      ObjectMapper mapper, Clock clock) {
        try {
            Files.createDirectories(directory);
            List<TableResource> resources = new ArrayList<>(tables.write(directory));
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
            description.put("profile", "tabular-data-package");
            description.put("name", "kyodo-public-data");
            description.put("title", "kyodo 協働: public read models");
            description.put("description", "Open data of the kyodo civic participation platform: the public "
                    + "proposals, meetings, projects and ward budgets, the analyst models and the decision log. "
                    + "No person's name or contact, no staff identity. CSV files are UTF-8 with a byte-order mark, "
                    + "a header row, CRLF line ends and RFC 4180 quoting; a text cell starting with = + - @ is "
                    + "prefixed with ' so that spreadsheets don't run it.");
            description.put("created", clock.instant().toString());
            description.put("personalData", "none");
            description.put("resources", resources);
            ExportFiles.write(directory.resolve(DESCRIPTION), out -> out.write(mapper.copy()
                    .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(description)));
            return resources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TableResource analytics(Path directory, AnalyticsRows analytics, ReadModelSchema model,
                                      List<String> groupBy, Dimension multi) throws IOException {
        String file = "analytics-" + model.name().replace('/', '-') + (multi == null ? "" : "-by-" + multi.name())
                + ".csv";
        AnalyticsQuery query = AnalyticsQuery.of(model.name(), Map.of(), groupBy);
        long[] rows = {0};
        ExportFiles.write(directory.resolve(file), out -> {
            try (Stream<AnalyticsRow> stream = analytics.stream(query)) {
                Iterator<AnalyticsRow> counted = stream.peek(r -> rows[0]++).iterator();
                AnalyticsCsv.write(out, query.columns(), counted);
            }
        });
        List<TableField> fields = new ArrayList<>();
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
        return ExportFiles.resource(directory.resolve(file), file.substring(0, file.length() - 4), description,
                "read model " + model.name() + " (processing group " + model.processingGroup() + ", GET "
                        + model.path() + ")", rows[0], fields, null);
    }

    private static TableResource decisionLog(Path directory, DecisionLog log) throws IOException {
        List<String> columns = List.of("seq", "decisionId", "subjectType", "subjectId", "ward", "kind", "outcome",
                "reason", "decidedByRole", "decidedAt", "basisType", "basisId", "eventId", "prevHash", "hash");
        long[] rows = {0};
        ExportFiles.write(directory.resolve("decision-log.csv"), out -> {
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
        List<TableField> fields = List.of(
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
        return ExportFiles.resource(directory.resolve("decision-log.csv"), "decision-log", "Every decision (answers, resolutions, approvals, "
                + "budget allocations, envelopes) in the public, hash-chained decision log, in log order.",
                "read model decision_log (processing group " + DecisionLog.GROUP + ", GET /public/decisions)",
                rows[0], fields, "seq");
    }

    private static TableField field(String name, String type, String unit, String meaning) {
        return new TableField(name, type, unit, meaning);
    }
}
