package kyodo.query.budget;

import kyodo.kernel.Ward;
import kyodo.query.listing.ListParameters;
import org.bson.Document;
import org.bson.types.Decimal128;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * One ward budget as the read model holds it, in memory: what its own events recorded (envelope
 * changes, reservations, releases) and what its projects' events recorded (allocations, spending),
 * with every total derived from those facts in whole yen.
 * <p>
 * Events of the budget and of many projects feed this one document, possibly from different
 * processor segments in any relative order; but the events of one aggregate (the budget, or one
 * project) arrive in their own order, in one segment. So idempotence rests on the highest sequence
 * number applied per source aggregate ({@code sources}), and every total is a sum, which does not
 * depend on the order across sources. {@code changes} counts the events applied: it tells one stored
 * state from the next. The lists a budget's own events build are in that budget's order; the projects
 * and sources are kept in id order, so the document depends only on which events were applied.
 * <p>
 * A document of the first shape kept the identifier of every event it applied ({@code applied}, no
 * {@code changes}): tens of thousands at a city's scale, rewritten with every batch. Such a document is
 * read with those identifiers as a guard of their own, kept as they are (they no longer grow) so that an
 * event applied before the upgrade and delivered again after it is still recognised; a rebuild of the
 * read model leaves none.
 */
final class WardBudget {

    /** A release of a reservation that never became an allocation. */
    static final String RESERVATION = "RESERVATION";
    /** Money returned after it was allocated (the unspent part of a terminated project). */
    static final String RETURN = "RETURN";

    private final String id;
    private String ward;
    private Integer fiscalYear;
    private Long version;
    private Long envelopeYen;
    private final List<Document> envelopeHistory;
    private final List<Document> reservations;
    private final List<Document> releases;
    /** projectId → [allocatedYen, spentYen] */
    private final TreeMap<String, long[]> projects;
    /** source aggregate id → the highest sequence number of its events applied */
    private final TreeMap<String, Long> sources;
    private long changes;
    /** The event identifiers a document of the first shape applied (empty for any other). */
    private final TreeSet<String> firstShapeApplied;

    private WardBudget(String id, String ward, Integer fiscalYear, Long version, Long envelopeYen,
                       List<Document> envelopeHistory, List<Document> reservations, List<Document> releases,
                       TreeMap<String, long[]> projects, TreeMap<String, Long> sources, long changes,
                       TreeSet<String> firstShapeApplied) {
        this.id = id;
        this.ward = ward;
        this.fiscalYear = fiscalYear;
        this.version = version;
        this.envelopeYen = envelopeYen;
        this.envelopeHistory = envelopeHistory;
        this.reservations = reservations;
        this.releases = releases;
        this.projects = projects;
        this.sources = sources;
        this.changes = changes;
        this.firstShapeApplied = firstShapeApplied;
    }

    /** A budget no event has touched yet; ward and year read from its id ({@code saiwai-2025}). */
    static WardBudget empty(String budgetId) {
        int dash = budgetId.lastIndexOf('-');
        String ward = dash < 0 ? null : Ward.fromCode(budgetId.substring(0, dash)).map(Ward::code).orElse(null);
        Integer year = dash < 0 ? null
                : ListParameters.whole(budgetId.substring(dash + 1)).map(Long::intValue).orElse(null);
        return new WardBudget(budgetId, ward, year, null, null, new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new TreeMap<>(), new TreeMap<>(), 0, new TreeSet<>());
    }

    static WardBudget of(Document doc) {
        TreeMap<String, long[]> projects = new TreeMap<>();
        doc.getList("projects", Document.class, List.of()).forEach(p -> projects.put(p.getString("projectId"),
                new long[]{p.getLong("allocatedYen"), p.getLong("spentYen")}));
        TreeMap<String, Long> sources = new TreeMap<>();
        doc.getList("sources", Document.class, List.of()).forEach(s -> sources.put(s.getString("source"),
                s.getLong("sequence")));
        boolean firstShape = !doc.containsKey("changes");
        TreeSet<String> firstShapeApplied = new TreeSet<>(doc.getList("applied", String.class, List.of()));
        return new WardBudget(doc.getString("_id"), doc.getString("ward"), doc.getInteger("fiscalYear"),
                doc.getLong("version"), doc.getLong("envelopeYen"),
                new ArrayList<>(doc.getList("envelopeHistory", Document.class, List.of())),
                new ArrayList<>(doc.getList("reservations", Document.class, List.of())),
                new ArrayList<>(doc.getList("releases", Document.class, List.of())), projects, sources,
                firstShape ? firstShapeApplied.size() : doc.getLong("changes"), firstShapeApplied);
    }

    String id() {
        return id;
    }

    /** How many events this state holds: grows with every applied event, so it tells one stored state from the next. */
    long changes() {
        return changes;
    }

    /** Whether this state was read from a document of the first shape (which has no {@code changes}). */
    boolean firstShape() {
        return !firstShapeApplied.isEmpty();
    }

    /**
     * Applies the change of the event {@code sequence} of the aggregate {@code source} once: an event at or
     * below the highest sequence applied from that source (or one a first-shape document applied) does nothing.
     */
    void apply(String source, long sequence, String eventId, Consumer<WardBudget> change) {
        Long highest = sources.get(source);
        if (highest != null && sequence <= highest || firstShapeApplied.contains(eventId)) {
            return;
        }
        sources.put(source, sequence);
        changes++;
        change.accept(this);
    }

    /** Events of the budget itself carry its version: the highest of their sequence numbers. */
    void seen(long sequence) {
        version = version == null ? sequence : Math.max(version, sequence);
    }

    void envelopeSet(String ward, int fiscalYear, long amount, String reason, String role, String decisionId,
                     Instant at) {
        this.ward = ward;
        this.fiscalYear = fiscalYear;
        this.envelopeYen = amount;
        envelopeHistory.add(new Document("envelopeYen", amount).append("reason", reason).append("role", role)
                .append("decisionId", decisionId).append("at", Date.from(at)));
    }

    void reserved(String allocationId, String projectId, long amount, Instant at) {
        reservations.add(new Document("allocationId", allocationId).append("projectId", projectId)
                .append("amountYen", amount).append("at", Date.from(at)));
    }

    /** A release of a reserved allocation frees the reservation; any other release returns allocated money. */
    void released(String releaseId, String projectId, long amount, String reason, Instant at) {
        boolean ofReservation = reservations.stream().anyMatch(r -> releaseId.equals(r.getString("allocationId")));
        releases.add(new Document("releaseId", releaseId).append("projectId", projectId).append("amountYen", amount)
                .append("kind", ofReservation ? RESERVATION : RETURN).append("reason", reason)
                .append("at", Date.from(at)));
    }

    void allocated(String projectId, long amount) {
        projects.computeIfAbsent(projectId, p -> new long[2])[0] += amount;
    }

    void spent(String projectId, long amount) {
        projects.computeIfAbsent(projectId, p -> new long[2])[1] += amount;
    }

    /** The document: the facts, then the totals derived from them, then what makes applying idempotent. */
    Document toDocument() {
        long reservedGross = sum(reservations);
        long returned = sum(releases);
        long releasedReservations = releases.stream().filter(r -> RESERVATION.equals(r.getString("kind")))
                .mapToLong(r -> r.getLong("amountYen")).reduce(0L, Math::addExact);
        long allocated = projects.values().stream().mapToLong(p -> p[0]).reduce(0L, Math::addExact);
        long spent = projects.values().stream().mapToLong(p -> p[1]).reduce(0L, Math::addExact);
        long envelope = envelopeYen == null ? 0L : envelopeYen;
        List<Document> projectDocs = new ArrayList<>();
        projects.forEach((projectId, p) -> projectDocs.add(new Document("projectId", projectId)
                .append("allocatedYen", p[0]).append("spentYen", p[1])));
        Document doc = new Document("_id", id)
                .append("ward", ward)
                .append("fiscalYear", fiscalYear)
                .append("version", version)
                .append("envelopeYen", envelopeYen)
                .append("envelopeHistory", envelopeHistory)
                .append("reservations", reservations)
                .append("releases", releases)
                .append("reservedYen", Math.subtractExact(reservedGross, releasedReservations))
                .append("allocatedYen", allocated)
                .append("returnedYen", returned)
                .append("spentYen", spent)
                .append("availableYen", Math.subtractExact(envelope, Math.subtractExact(reservedGross, returned)))
                .append("utilisation", new Decimal128(utilisation(spent, envelope)))
                .append("projects", projectDocs);
        List<Document> sourceDocs = new ArrayList<>();
        sources.forEach((source, sequence) -> sourceDocs.add(new Document("source", source)
                .append("sequence", sequence)));
        doc.append("sources", sourceDocs).append("changes", changes);
        if (firstShape()) {
            doc.append("applied", List.copyOf(firstShapeApplied));
        }
        return doc;
    }

    /** Spent over envelope, four decimal places (half up); zero without an envelope. */
    static BigDecimal utilisation(long spent, long envelope) {
        if (envelope == 0) {
            return BigDecimal.ZERO.setScale(4, RoundingMode.UNNECESSARY);
        }
        return BigDecimal.valueOf(spent).divide(BigDecimal.valueOf(envelope), 4, RoundingMode.HALF_UP);
    }

    private static long sum(List<Document> movements) {
        return movements.stream().mapToLong(m -> m.getLong("amountYen")).reduce(0L, Math::addExact);
    }

    /** For tests and logs: the id and how many events it holds. */
    @Override
    public String toString() {
        return "WardBudget[" + id + ", " + changes + " events]";
    }
}
