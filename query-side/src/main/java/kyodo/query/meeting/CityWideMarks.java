package kyodo.query.meeting;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.Updates;
import kyodo.query.platform.store.ReadCollection;
import kyodo.query.platform.store.ReadStore;
import org.bson.Document;

import java.util.List;

/** The city-wide mark of meetings projected before {@code ?ward=city} existed (issue 13's polish). */
final class CityWideMarks {

    private CityWideMarks() {
    }

    private static final String MARK = MeetingProjection.CITY_WIDE;
    /** Documents marked per write, each made durable before the next: one write stays a small commit. */
    static final int MARKS_PER_WRITE = 500;

    /**
     * Sets {@value MeetingProjection#CITY_WIDE} on the documents written before it existed (from their
     * ward and district, which never change), so that {@code ?ward=city} finds them without a replay. At
     * start-up: when the marked documents (two counts on the mark's index) are all there are, nothing more
     * is read; else
     * the unmarked ones are read (two fields each) and marked, {@value #MARKS_PER_WRITE} per write, each
     * made durable before the next: a store of 10,000 meetings marked in one write needed a commit too
     * large for a 256 MB heap. Each write is idempotent, so processes starting together, or a start after
     * a crash in the middle, may do it again.
     */
    static void markEarlierDocuments(ReadStore store, ReadCollection meetings) {
        long marked = meetings.count(Filters.eq(MARK, true)) + meetings.count(Filters.eq(MARK, false));
        if (marked == meetings.count(Filters.empty())) {
            return;
        }
        List<UpdateOneModel<Document>> marks = meetings.find(Filters.exists(MARK, false))
                .projection(Projections.include("ward", "district"))
                .map(doc -> new UpdateOneModel<Document>(
                        Filters.and(Filters.eq("_id", doc.get("_id")), Filters.exists(MARK, false)),
                        Updates.set(MARK, doc.get("ward") == null && doc.get("district") == null)));
        for (int from = 0; from < marks.size(); from += MARKS_PER_WRITE) {
            meetings.bulkWrite(marks.subList(from, Math.min(marks.size(), from + MARKS_PER_WRITE)), false);
            store.makeDurable();
        }
    }
}
