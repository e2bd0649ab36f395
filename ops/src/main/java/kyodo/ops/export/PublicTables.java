package kyodo.ops.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import kyodo.kernel.FiscalYear;
import kyodo.query.analytics.AnalyticsCsv;
import kyodo.query.budget.WardBudgetViews;
import kyodo.query.budget.WardBudgetViews.WardBudgetSummary;
import kyodo.query.meeting.MeetingListQuery;
import kyodo.query.meeting.MeetingViews;
import kyodo.query.meeting.MeetingViews.MeetingListItem;
import kyodo.query.project.ProjectListQuery;
import kyodo.query.project.ProjectViews;
import kyodo.query.project.ProjectViews.ProjectListItem;
import kyodo.query.proposal.ProposalListQuery;
import kyodo.query.proposal.ProposalViews;
import kyodo.query.proposal.ProposalViews.ProposalListItem;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The public read models as tables: proposals, meetings, projects and ward budgets, each as the
 * public list shows it (the same items {@code /public/...} answers, to anyone), one row per subject.
 * They hold no personal data and no staff identity by construction: proposers and participants are
 * never in a list, actors appear by role only. Nested parts of a subject (timelines, agendas,
 * partners, money movements) stay in the JSON API at the path each resource names.
 * <p>
 * A table's columns are its list item's fields, in order, with a Table Schema type read from the
 * field's Java type and a description from {@link PublicFieldGlossary}.
 */
public final class PublicTables {

    private static final int PAGE = 100;

    private final ProposalViews proposals;
    private final MeetingViews meetings;
    private final ProjectViews projects;
    private final WardBudgetViews budgets;
    private final ObjectMapper mapper;

    public PublicTables(ProposalViews proposals, MeetingViews meetings, ProjectViews projects,
                        WardBudgetViews budgets, ObjectMapper mapper) {
        this.proposals = proposals;
        this.meetings = meetings;
        this.projects = projects;
        this.budgets = budgets;
        this.mapper = mapper;
    }

    /** Writes the four tables into the directory; their resources, in that order. */
    public List<TableResource> write(Path directory) throws IOException {
        return List.of(
                table(directory, "proposals", ProposalListItem.class, "Every submitted proposal: its ward, "
                                + "programme and themes, where it stands, when it is due and how it was answered.",
                        "read model proposals (processing group proposal-views, GET /public/proposals; the body, "
                                + "reason and timeline at /public/proposals/{id})",
                        pages(page -> proposals.list(ProposalListQuery.parse(query(page, "submittedAt"))).items())),
                table(directory, "meetings", MeetingListItem.class, "Every meeting: ward assemblies, expert "
                                + "panels, workshops and town halls, when and where, and how many registered.",
                        "read model meetings (processing group meeting-views, GET /public/meetings; agenda, "
                                + "opinions, resolutions and minutes at /public/meetings/{id})",
                        pages(page -> meetings.list(MeetingListQuery.parse(query(page, "startsAt"))).items())),
                table(directory, "projects", ProjectListItem.class, "Every collaborative or ward-led project: "
                                + "its programme, lead department, status and money allocated and spent.",
                        "read model projects (processing group project-views, GET /public/projects; partners, "
                                + "agreements, targets and timeline at /public/projects/{id})",
                        pages(page -> projects.list(ProjectListQuery.parse(query(page, "launchedAt"))).items())),
                table(directory, "ward-budgets", WardBudgetSummary.class, "Every ward's budget per fiscal year "
                                + "whose envelope was set: the envelope and what was reserved, allocated, returned, "
                                + "spent and is still available.",
                        "read model ward_budgets (GET /public/ward-budgets?fiscalYear=…; the movements at "
                                + "/public/ward-budgets/{ward}/{fiscalYear})",
                        IntStream.rangeClosed(FiscalYear.MIN_YEAR, FiscalYear.MAX_YEAR)
                                .mapToObj(year -> budgets.year(FiscalYear.of(year)).items())
                                .flatMap(List::stream)));
    }

    private static Map<String, List<String>> query(int page, String sort) {
        return Map.of("page", List.of(String.valueOf(page)), "size", List.of(String.valueOf(PAGE)),
                "sort", List.of(sort));
    }

    /** Every item of a list, page by page, oldest first (the export runs while nothing is written). */
    private static <T> Stream<T> pages(IntFunction<List<T>> page) {
        return Stream.iterate(0, n -> n + 1).map(page::apply).takeWhile(items -> !items.isEmpty())
                .flatMap(List::stream);
    }

    private <T extends Record> TableResource table(Path directory, String name, Class<T> type, String description,
                                                   String source, Stream<T> items) throws IOException {
        RecordComponent[] columns = type.getRecordComponents();
        List<TableField> fields = Arrays.stream(columns).map(c -> field(name, c)).toList();
        Path file = directory.resolve(name + ".csv");
        long[] rows = {0};
        ExportFiles.write(file, out -> {
            out.write(AnalyticsCsv.BOM);
            out.write(AnalyticsCsv.line(fields.stream().map(TableField::name).toList()));
            try (items) {
                for (T item : (Iterable<T>) items::iterator) {
                    List<Object> cells = new ArrayList<>(columns.length);
                    for (RecordComponent column : columns) {
                        cells.add(cell(read(column, item)));
                    }
                    out.write(AnalyticsCsv.line(cells));
                    rows[0]++;
                }
            }
        });
        String key = columns[0].getName();
        return ExportFiles.resource(file, name, description, source, rows[0], fields, key);
    }

    private static TableField field(String table, RecordComponent column) {
        PublicFieldGlossary.Entry entry = PublicFieldGlossary.of(table, column.getName()).orElseThrow(
                () -> new IllegalStateException("the public table " + table + " has a column without a description: "
                        + column.getName() + " (PublicFieldGlossary)"));
        return new TableField(column.getName(), type(column.getType()), entry.unit(), entry.description());
    }

    /** The Table Schema type of a column of that Java type. */
    static String type(Class<?> type) {
        if (type == String.class) {
            return "string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "integer";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "boolean";
        }
        if (type == BigDecimal.class) {
            return "number";
        }
        if (type == Instant.class) {
            return "datetime";
        }
        if (type == LocalDate.class) {
            return "date";
        }
        if (List.class.isAssignableFrom(type)) {
            return "array";
        }
        throw new IllegalStateException("no table type for a column of " + type.getSimpleName());
    }

    /** A list as its JSON array; everything else as the CSV writes it. */
    private Object cell(Object value) {
        if (value instanceof List<?> list) {
            try {
                return mapper.writeValueAsString(list);
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e);
            }
        }
        return value instanceof Instant || value instanceof LocalDate ? value.toString() : value;
    }

    private static Object read(RecordComponent column, Record item) {
        try {
            return column.getAccessor().invoke(item);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + column.getName() + " of a public list item", e);
        }
    }
}
