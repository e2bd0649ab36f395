package kyodo.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Paths into a JSON body, as the hostile corpora break one value at a time: field names, and
 * {@code #i} for the i-th element of an array.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** Paths to every node (the root excepted) that passes the filter, in document order. */
    static List<List<String>> paths(JsonNode tree, Predicate<JsonNode> filter) {
        List<List<String>> into = new ArrayList<>();
        collect(tree, new ArrayList<>(), into, filter);
        return into;
    }

    static JsonNode at(JsonNode tree, List<String> path) {
        JsonNode node = tree;
        for (String step : path) {
            node = step.startsWith("#") ? node.get(Integer.parseInt(step.substring(1))) : node.get(step);
        }
        return node;
    }

    /** Replaces the node at the path. */
    static void set(JsonNode tree, List<String> path, JsonNode value) {
        JsonNode parent = at(tree, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (last.startsWith("#")) {
            ((ArrayNode) parent).set(Integer.parseInt(last.substring(1)), value);
        } else {
            ((ObjectNode) parent).set(last, value);
        }
    }

    private static void collect(JsonNode node, List<String> path, List<List<String>> into, Predicate<JsonNode> filter) {
        if (!path.isEmpty() && filter.test(node)) {
            into.add(List.copyOf(path));
        }
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> {
                path.add(name);
                collect(node.get(name), path, into, filter);
                path.remove(path.size() - 1);
            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add("#" + i);
                collect(node.get(i), path, into, filter);
                path.remove(path.size() - 1);
            }
        }
    }
}
