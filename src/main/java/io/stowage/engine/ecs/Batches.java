package io.stowage.engine.ecs;

import java.util.ArrayList;
import java.util.List;

/** Splits lists into the batch sizes the Describe calls take (10 services, 100 tasks or instances). */
final class Batches {
    static final int SERVICES = 10;
    static final int TASKS = 100;
    static final int INSTANCES = 100;

    private Batches() {
    }

    static <T> List<List<T>> of(List<T> items, int size) {
        List<List<T>> out = new ArrayList<>();
        for (int start = 0; start < items.size(); start += size) {
            out.add(List.copyOf(items.subList(start, Math.min(start + size, items.size()))));
        }
        return out;
    }
}
