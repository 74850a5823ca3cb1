package io.stowage.model.json;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * A JSON number that keeps the literal it was read from ("1.0" stays "1.0" on write), and compares by value.
 */
public final class JsonNumber implements Json {
    private final String literal;
    private final BigDecimal value;

    private JsonNumber(String literal, BigDecimal value) {
        this.literal = literal;
        this.value = value;
    }

    /** @throws NumberFormatException if the literal is not a JSON number */
    public static JsonNumber parse(String literal) {
        Objects.requireNonNull(literal, "literal");
        return new JsonNumber(literal, new BigDecimal(literal));
    }

    /**
     * Whether a value lies within a double's range (or is zero): every number an API member takes does, and
     * printing or converting one far outside it ({@code 1e999999999}) costs memory in proportion to its exponent.
     */
    public static boolean withinDoubleRange(BigDecimal value) {
        if (value.signum() == 0) {
            return true;
        }
        long magnitude = (long) value.precision() - value.scale();
        return magnitude >= -330 && magnitude <= 309;
    }

    public static JsonNumber of(Number number) {
        BigDecimal value = number instanceof BigDecimal big ? big : new BigDecimal(number.toString());
        return new JsonNumber(value.toString(), value);
    }

    public static JsonNumber of(long number) {
        return new JsonNumber(Long.toString(number), BigDecimal.valueOf(number));
    }

    public String literal() {
        return literal;
    }

    public BigDecimal value() {
        return value;
    }

    public boolean isIntegral() {
        return value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
    }

    /** The value as an int, or null when it is not a whole number within int range. */
    public Integer intValueOrNull() {
        if (!isIntegral()) {
            return null;
        }
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** The value as a long, or null when it is not a whole number within long range. */
    public Long longValueOrNull() {
        if (!isIntegral()) {
            return null;
        }
        try {
            return value.longValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    public double doubleValue() {
        return value.doubleValue();
    }

    @Override
    public String typeName() {
        return "number";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonNumber other && value.compareTo(other.value) == 0;
    }

    @Override
    public int hashCode() {
        return value.signum() == 0 ? 0 : value.stripTrailingZeros().hashCode();
    }

    @Override
    public String toString() {
        return literal;
    }
}
