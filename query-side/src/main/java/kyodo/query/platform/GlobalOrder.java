package kyodo.query.platform;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a query-side projection that must see events in the event store's global order, one after
 * another (e.g. a hash-chained log). Its processing group runs as a pooled streaming processor
 * with exactly one segment; unmarked groups keep Axon's default segment count and process in
 * parallel per aggregate. Inherited: a base class marks every projection that extends it.
 */
@Documented
@Inherited
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
public @interface GlobalOrder {
}
