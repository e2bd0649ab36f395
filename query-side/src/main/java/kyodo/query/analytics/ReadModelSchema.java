package kyodo.query.analytics;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.bson.Document;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One analyst read model as the catalogue describes it: where its facts are, what its rows can be
 * filtered and grouped by, and what they measure.
 *
 * @param name            its name in the URL ({@code /analytics/{name}}) and in answers
 * @param meaning         what a row is, for people
 * @param processingGroup the projection's processing group (reset and replay by this name)
 * @param collection      the fact collection, one document per subject
 * @param dimensions      what rows can be filtered and grouped by
 * @param measures        what each row carries
 * @param defaultGroupBy  grouping when the request names none
 * @param accumulator     a fresh accumulator for one group, adding up cells
 * @param cells           the cell collection: the facts added up per combination of dimension values
 * @param share           what one fact adds to its cell: amounts by path in the cell ({@link Cells})
 */
public record ReadModelSchema(String name, String meaning, String processingGroup, String collection,
                              List<Dimension> dimensions, List<Measure> measures, List<String> defaultGroupBy,
                              @JsonIgnore Supplier<Accumulator> accumulator, @JsonIgnore String cells,
                              @JsonIgnore Function<Document, Map<String, Long>> share) {

    public ReadModelSchema {
        dimensions = List.copyOf(dimensions);
        measures = List.copyOf(measures);
        defaultGroupBy = List.copyOf(defaultGroupBy);
    }

    /** Where it is served. */
    @JsonProperty("path")
    public String path() {
        return "/analytics/" + name;
    }

    public Optional<Dimension> dimension(String name) {
        return dimensions.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The column names of rows grouped this way: the groupBy dimensions, then every measure. */
    public List<String> columns(List<String> groupBy) {
        return Stream.concat(groupBy.stream(), measures.stream().map(Measure::name)).toList();
    }
}
