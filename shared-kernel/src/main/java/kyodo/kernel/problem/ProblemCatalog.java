package kyodo.kernel.problem;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads a feature's problem catalog: an enum of the feature's problems ({@link CataloguedProblem})
 * names each one, and a table beside it in the resources (the enum's simple name +
 * {@code .properties}, UTF-8) gives each its row,
 * {@code NAME = slug | status | Japanese title | English title}. A new problem is one constant and
 * one row. The table is read once per enum, and a constant without a row, a row without a constant
 * or a malformed row fails the first use of the catalog.
 */
public final class ProblemCatalog {

    private static final ClassValue<Map<String, ProblemType>> TABLES = new ClassValue<>() {
        @Override
        protected Map<String, ProblemType> computeValue(Class<?> catalog) {
            return read(catalog.asSubclass(Enum.class));
        }
    };

    private ProblemCatalog() {
    }

    /** The problem type of one constant of a catalog. */
    public static ProblemType typeOf(CataloguedProblem problem) {
        if (!(problem instanceof Enum<?> constant)) {
            throw new IllegalArgumentException("A problem catalog is an enum: " + problem.getClass().getName());
        }
        return TABLES.get(constant.getDeclaringClass()).get(constant.name());
    }

    private static <E extends Enum<E>> Map<String, ProblemType> read(Class<E> catalog) {
        String file = catalog.getSimpleName() + ".properties";
        Properties rows = new Properties();
        try (InputStream in = catalog.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("No problem table " + file + " beside " + catalog.getName());
            }
            rows.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the problem table " + file, e);
        }
        Map<String, ProblemType> types = new HashMap<>();
        for (E constant : EnumSet.allOf(catalog)) {
            String row = rows.getProperty(constant.name());
            if (row == null) {
                throw new IllegalStateException(file + " has no row for " + constant.name());
            }
            types.put(constant.name(), parse(file, constant.name(), row));
        }
        rows.stringPropertyNames().stream().filter(name -> !types.containsKey(name)).findFirst()
                .ifPresent(name -> {
                    throw new IllegalStateException(file + " has a row for " + name + ", which "
                            + catalog.getSimpleName() + " does not name");
                });
        return Map.copyOf(types);
    }

    private static ProblemType parse(String file, String name, String row) {
        String[] cells = row.split("\\|");
        if (cells.length != 4) {
            throw new IllegalStateException(file + ": the row for " + name
                    + " is not 'slug | status | Japanese title | English title'");
        }
        try {
            return new ProblemType(cells[0].strip(), Integer.parseInt(cells[1].strip()), cells[2].strip(),
                    cells[3].strip());
        } catch (NumberFormatException e) {
            throw new IllegalStateException(file + ": the row for " + name + " has no numeric status", e);
        }
    }
}
