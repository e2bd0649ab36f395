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
 * processor segments in any relative order; so idempotence rests on the set of applied event
 * identifiers, not on a version, and every total is a sum, which does not depend on that order.
 * The lists a budget's own events build are in that budget's order; the projects are kept in id
 * order and the applied identifiers sorted, so the document depends only on which events were
 * applied.
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
    private final TreeSet<String> applied;

    private WardBudget(String id, String ward, Integer fiscalYear, Long version, Long envelopeYen,
                       List<Document> envelopeHistory, List<Document> reservations, List<Document> releases,
                       TreeMap<String, long[]> projects, TreeSet<String> applied) {
        this.id = id;
        this.ward = ward;
        this.fiscalYear = fiscalYear;
        this.version = version;
        this.envelopeYen = envelopeYen;
        this.envelopeHistory = envelopeHistory;
        this.reservations = reservations;
        this.releases = releases;
        this.projects = projects;
        this.applied = applied;
    }

    /** A budget no event has touched yet; ward and year read from its id ({@code saiwai-2025}). */
    static WardBudget empty(String budgetId) {
        int dash = budgetId.lastIndexOf('-');
        String ward = dash < 0 ? null : Ward.fromCode(budgetId.substring(0, dash)).map(Ward::code).orElse(null);
        Integer year = dash < 0 ? null
                : ListParameters.whole(budgetId.substring(dash + 1)).map(Long::intValue).orElse(null);
        return new WardBudget(budgetId, ward, year, null, null, new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>(), new TreeMap<>(), new TreeSet<>());
    }

    static WardBudget of(Document doc) {
        TreeMap<String, long[]> projects = new TreeMap<>();
        doc.getList("projects", Document.class, List.of()).forEach(p -> projects.put(p.getString("projectId"),
                new long[]{p.getLong("allocatedYen"), p.getLong("spentYen")}));
        return new WardBudget(doc.getString("_id"), doc.getString("ward"), doc.getInteger("fiscalYear"),
                doc.getLong("version"), doc.getLong("envelopeYen"),
                new ArrayList<>(doc.getList("envelopeHistory", Document.class, List.of())),
                new ArrayList<>(doc.getList("reservations", Document.class, List.of())),
                new ArrayList<>(doc.getList("releases", Document.class, List.of())), projects,
                new TreeSet<>(doc.getList("applied", String.class, List.of())));
    }

    String id() {
        return id;
    }

    /** How many events this state holds: grows with every applied event, so it tells one stored state from the next. */
    int appliedCount() {
        return applied.size();
    }

    /** Applies the change once per event identifier; a second time it does nothing. */
    void apply(String eventId, Consumer<WardBudget> change) {
        if (applied.add(eventId)) {
            change.accept(this);
        }
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

    /** The document: the facts, then the totals derived from them, then the applied event identifiers. */
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
        return new Document("_id", id)
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
                .append("projects", projectDocs)
                .append("applied", List.copyOf(applied));
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
        return "WardBudget[" + id + ", " + applied.size() + " events]";
    }
}
