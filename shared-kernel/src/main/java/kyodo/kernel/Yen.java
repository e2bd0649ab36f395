package kyodo.kernel;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * An amount of money in whole yen. Never negative: a refund or release is its own event, not a
 * negative amount.
 */
public record Yen(long amount) implements Comparable<Yen> {

    public static final Yen ZERO = new Yen(0);

    public Yen {
        if (amount < 0) {
            throw new IllegalArgumentException("yen amount must not be negative: " + amount);
        }
    }

    @JsonCreator
    public static Yen of(long amount) {
        return new Yen(amount);
    }

    @JsonValue
    public long amount() {
        return amount;
    }

    public Yen plus(Yen other) {
        return new Yen(Math.addExact(amount, other.amount));
    }

    /** The difference; refuses to go below zero. */
    public Yen minus(Yen other) {
        return new Yen(Math.subtractExact(amount, other.amount));
    }

    public boolean isPositive() {
        return amount > 0;
    }

    public boolean covers(Yen other) {
        return amount >= other.amount;
    }

    @Override
    public int compareTo(Yen other) {
        return Long.compare(amount, other.amount);
    }

    /** 5,500万円 style is for documents; here a plain figure with the unit. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "¥%,d", amount);
    }
}
