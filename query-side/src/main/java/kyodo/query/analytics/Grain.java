package kyodo.query.analytics;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;

/**
 * A level at which a read model's cells are kept: the dimensions a cell's combination is made of,
 * and the collection those cells are in. Every model has its finest grain (all its dimensions,
 * {@link ReadModelSchema#cells()}), and a coarser one over its default grouping when that leaves
 * dimensions out ({@code proposals/summary} by ward and fiscal year), so that the usual questions
 * read a few dozen cells instead of every combination. A query reads the coarsest grain that holds
 * every dimension it filters or groups by: a cell of a coarser grain is the sum of the finer cells
 * it covers, so the rows are the same from either.
 *
 * @param dimensions the dimensions of its cells, in the model's order
 * @param collection where its cells are
 */
record Grain(List<Dimension> dimensions, String collection) {

    /** Whether its cells hold the model's multi-valued dimension, and so amounts per value of it. */
    boolean perValue() {
        return dimensions.stream().anyMatch(Dimension::multiValued);
    }

    /** The model's grains, finest first. */
    static List<Grain> of(ReadModelSchema model) {
        Grain finest = new Grain(model.dimensions(), model.cells());
        List<Dimension> grouped = model.dimensions().stream()
                .filter(d -> model.defaultGroupBy().contains(d.name())).toList();
        if (grouped.size() == model.dimensions().size()) {
            return List.of(finest);
        }
        return List.of(finest, new Grain(grouped, model.cells() + "_by_"
                + String.join("_", grouped.stream().map(Dimension::name).toList())));
    }

    /** The coarsest grain of the model that holds every one of these dimensions. */
    static Grain covering(ReadModelSchema model, Collection<String> dimensions) {
        return of(model).stream()
                .filter(g -> g.dimensions().stream().map(Dimension::name).toList().containsAll(dimensions))
                .min(Comparator.comparingInt(g -> g.dimensions().size()))
                .orElseThrow();
    }
}
