package io.stowage.bench;

import io.stowage.format.JsonFileReader;
import io.stowage.format.LoadedTaskDefinition;
import io.stowage.format.TaskDefinitionFormat;
import io.stowage.model.rules.TaskDefinitionValidator;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Parse, validate and write 1,000 task definitions: the figure of the foundation issue (target: under 1 s). */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class TaskDefinitionBenchmark {
    private static final Path NAME = Path.of("bench.json");
    private List<byte[]> files;

    @Setup
    public void generate() {
        files = SampleTaskDefinitions.generate(1000, 42);
    }

    @Benchmark
    public void parseValidateWrite1000(Blackhole sink) throws Exception {
        for (byte[] file : files) {
            LoadedTaskDefinition loaded = TaskDefinitionFormat.fromDocument(JsonFileReader.parse(NAME, file));
            sink.consume(TaskDefinitionValidator.validate(loaded.taskDefinition()));
            sink.consume(TaskDefinitionFormat.write(loaded.taskDefinition()));
        }
    }

    @Benchmark
    public void parse1000(Blackhole sink) throws Exception {
        for (byte[] file : files) {
            sink.consume(TaskDefinitionFormat.fromDocument(JsonFileReader.parse(NAME, file)));
        }
    }
}
