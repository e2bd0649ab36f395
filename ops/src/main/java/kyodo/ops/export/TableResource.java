package kyodo.ops.export;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One exported CSV file, described as a Frictionless tabular data resource: where it is, how it is
 * written (CSV dialect and encoding), its schema (every field with its type), where it comes from,
 * and how many rows and bytes and which SHA-256 it has, so that a reader can check what they got.
 *
 * @param name       the resource's name: lower case, digits and {@code -}
 * @param path       the file, relative to {@code datapackage.json}
 * @param source     the read model it was read from, and its public endpoint
 * @param rows       data rows (the header row not counted)
 * @param bytes      the file's size
 * @param hash       {@code sha256:} and the hex SHA-256 of the file
 * @param primaryKey the field that identifies a row, or null
 */
@JsonPropertyOrder({"name", "path", "profile", "format", "mediatype", "encoding", "description", "sources",
        "rows", "bytes", "hash", "dialect", "schema"})
public record TableResource(String name, String path, String description, @JsonIgnore String source, long rows,
                            long bytes, String hash, @JsonIgnore List<TableField> fields,
                            @JsonIgnore String primaryKey) {

    @JsonProperty
    public String profile() {
        return "tabular-data-resource";
    }

    @JsonProperty
    public String format() {
        return "csv";
    }

    @JsonProperty
    public String mediatype() {
        return "text/csv";
    }

    /** UTF-8, written with a byte-order mark so that Excel on Japanese Windows reads it as such. */
    @JsonProperty
    public String encoding() {
        return "utf-8";
    }

    /** RFC 4180 with CRLF line ends and a header row. */
    @JsonProperty
    public Map<String, Object> dialect() {
        Map<String, Object> dialect = new LinkedHashMap<>();
        dialect.put("delimiter", ",");
        dialect.put("lineTerminator", "\r\n");
        dialect.put("quoteChar", "\"");
        dialect.put("doubleQuote", true);
        dialect.put("header", true);
        return dialect;
    }

    @JsonProperty
    public List<Map<String, String>> sources() {
        return List.of(Map.of("title", source));
    }

    @JsonProperty
    public Map<String, Object> schema() {
        Map<String, Object> schema = new LinkedHashMap<>();
        schema.put("fields", fields);
        if (primaryKey != null) {
            schema.put("primaryKey", primaryKey);
        }
        return schema;
    }
}
