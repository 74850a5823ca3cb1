package io.stowage.model.ecs;

import java.math.BigDecimal;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Task-level cpu and memory as ECS reads them: CPU units ("1024") or vCPUs ("1 vCPU", "0.25 vcpu"), and MiB
 * ("2048") or GB ("2 GB", "2GB"), normalized to CPU units and MiB when the task definition is registered.
 * Source: ECS API reference, RegisterTaskDefinition cpu and memory members; ecs-semantics §5.6. The one reader
 * of these strings: validation checks them, placement and import size tasks with them.
 */
public final class TaskSize {
    private static final Pattern CPU = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(vcpu)?", Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMORY = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*(gb)?", Pattern.CASE_INSENSITIVE);

    private TaskSize() {
    }

    /** CPU units, or null when the text is null or not a CPU value. */
    public static Integer cpuUnits(String text) {
        return parse(text, CPU);
    }

    /** MiB, or null when the text is null or not a memory value. */
    public static Integer memoryMiB(String text) {
        return parse(text, MEMORY);
    }

    /** Longer than any CPU or memory value within int range, however written ("0.25 vCPU", " 2048 "). */
    private static final int MAX_LENGTH = 40;

    private static Integer parse(String text, Pattern pattern) {
        // A long run of digits costs time quadratic in its length to make a BigDecimal of, and is no size anyway.
        if (text == null || text.length() > MAX_LENGTH) {
            return null;
        }
        Matcher matcher = pattern.matcher(text.strip());
        if (!matcher.matches()) {
            return null;
        }
        BigDecimal amount = new BigDecimal(matcher.group(1).startsWith(".") ? "0" + matcher.group(1) : matcher.group(1));
        if (matcher.group(2) != null) {
            amount = amount.multiply(BigDecimal.valueOf(1024));
        }
        try {
            return amount.stripTrailingZeros().intValueExact();
        } catch (ArithmeticException e) {
            return null;
        }
    }

    /** "1024 (1 vCPU)" */
    public static String describeCpu(int units) {
        BigDecimal vcpu = BigDecimal.valueOf(units).divide(BigDecimal.valueOf(1024)).stripTrailingZeros();
        return units + " (" + vcpu.toPlainString() + " vCPU)";
    }
}
