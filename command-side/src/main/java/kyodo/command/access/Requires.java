package kyodo.command.access;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a command: the permission its sender needs, when it is narrower than {@link Permission#DAILY_WORK}.
 * The roles behind it are named in {@link Permission} alone, so the command side keeps a single answer
 * to "who may do X?" without the access rules depending on every feature's commands.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Requires {

    /** The permission the sender needs. */
    Permission value();
}
