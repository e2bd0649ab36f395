package kyodo.ops.export;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One column of an exported table, as a Frictionless Table Schema field.
 *
 * @param type        a Table Schema type: string, integer, number, boolean, date, datetime or array
 *                    (a JSON array in the cell)
 * @param unit        what a value counts or how it is written (yen, days, a code…), or null
 * @param description what the column means
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableField(String name, String type, String unit, String description) {
}
