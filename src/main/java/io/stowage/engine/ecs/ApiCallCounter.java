package io.stowage.engine.ecs;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the API calls Stowage makes, by {@code Service.Operation}, and the HTTP attempts they took (retries
 * included). The benchmarks report its figures; the command line can print them.
 */
public final class ApiCallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final AtomicLong attempts = new AtomicLong();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String name = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        calls.computeIfAbsent(name, k -> new AtomicLong()).incrementAndGet();
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        attempts.incrementAndGet();
    }

    /** Calls made, by {@code Service.Operation} (e.g. {@code ECS.DescribeTasks}), sorted by name. */
    public Map<String, Long> byOperation() {
        Map<String, Long> out = new TreeMap<>();
        calls.forEach((name, count) -> out.put(name, count.get()));
        return out;
    }

    public long total() {
        return calls.values().stream().mapToLong(AtomicLong::get).sum();
    }

    /** HTTP requests sent: calls plus their retries. */
    public long attempts() {
        return attempts.get();
    }

    public void reset() {
        calls.clear();
        attempts.set(0);
    }
}
