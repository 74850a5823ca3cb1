package io.stowage.model.design;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small catalogue of common EC2 instance types (from the EC2 instance-type pages), enough to size a design
 * and to offer a choice in the inspector. An instance of a type not listed here keeps the registered CPU and
 * memory its design file states.
 */
public final class InstanceTypes {
    private static final Map<String, InstanceType> BY_NAME = new LinkedHashMap<>();

    static {
        x86("t3.micro", 2, 1);
        x86("t3.small", 2, 2);
        x86("t3.medium", 2, 4);
        x86("t3.large", 2, 8);
        x86("t3.xlarge", 4, 16);
        x86("t3.2xlarge", 8, 32);
        x86("m5.large", 2, 8);
        x86("m5.xlarge", 4, 16);
        x86("m5.2xlarge", 8, 32);
        x86("m5.4xlarge", 16, 64);
        x86("c5.large", 2, 4);
        x86("c5.xlarge", 4, 8);
        x86("c5.2xlarge", 8, 16);
        x86("c5.4xlarge", 16, 32);
        x86("r5.large", 2, 16);
        x86("r5.xlarge", 4, 32);
        x86("r5.2xlarge", 8, 64);
        arm("m6g.medium", 1, 4);
        arm("m6g.large", 2, 8);
        arm("m6g.xlarge", 4, 16);
        arm("m6g.2xlarge", 8, 32);
        arm("m7g.medium", 1, 4);
        arm("m7g.large", 2, 8);
        arm("m7g.xlarge", 4, 16);
        arm("m7g.2xlarge", 8, 32);
        add(new InstanceType("g4dn.xlarge", 4, 16 * 1024, InstanceType.X86_64, 1));
        // Graviton with an NVIDIA T4G: the arm64 GPU type, so that every machine kind has one.
        add(new InstanceType("g5g.xlarge", 4, 8 * 1024, InstanceType.ARM64, 1));
    }

    private InstanceTypes() {
    }

    public static Optional<InstanceType> find(String name) {
        return Optional.ofNullable(name == null ? null : BY_NAME.get(name));
    }

    /** Every type, in catalogue order (families together, small to large). */
    public static List<InstanceType> all() {
        return List.copyOf(BY_NAME.values());
    }

    /**
     * Types of one architecture, smallest first: by memory, then vCPUs, then catalogue order, so that t3 comes
     * before an equally sized m5 or c5 (burstable types are the cheap choice for a design that just has to run).
     */
    public static List<InstanceType> smallestFirst(String architecture, boolean needsGpu) {
        List<InstanceType> all = all();
        return all.stream()
                .filter(t -> t.architecture().equals(architecture))
                .filter(t -> !needsGpu || t.gpus() > 0)
                .sorted(Comparator.comparingInt(InstanceType::memoryMiB)
                        .thenComparingInt(InstanceType::vcpus)
                        .thenComparingInt(all::indexOf))
                .toList();
    }

    private static void x86(String name, int vcpus, int gib) {
        add(new InstanceType(name, vcpus, gib * 1024, InstanceType.X86_64, 0));
    }

    private static void arm(String name, int vcpus, int gib) {
        add(new InstanceType(name, vcpus, gib * 1024, InstanceType.ARM64, 0));
    }

    private static void add(InstanceType type) {
        BY_NAME.put(type.name(), type);
    }
}
