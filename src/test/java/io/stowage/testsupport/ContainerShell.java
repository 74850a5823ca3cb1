package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** Runs a command inside a running container ({@code docker exec}) and hands back what it printed. */
public final class ContainerShell {

    /** What a command printed, and how it ended. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private ContainerShell() {
    }

    /** {@code sh -c script} in the container. */
    public static Result sh(DockerClient docker, String containerId, String script) {
        return run(docker, containerId, "sh", "-c", script);
    }

    public static Result run(DockerClient docker, String containerId, String... command) {
        String exec = docker.execCreateCmd(containerId).withCmd(command).withAttachStdout(true)
                .withAttachStderr(true).exec().getId();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        try (var callback = docker.execStartCmd(exec).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
                if (frame.getStreamType() == StreamType.STDERR) {
                    err.append(text);
                } else {
                    out.append(text);
                }
            }
        })) {
            if (!callback.awaitCompletion(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("docker exec " + String.join(" ", command) + " did not end in 60 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Long code = docker.inspectExecCmd(exec).exec().getExitCodeLong();
        return new Result(code == null ? -1 : code.intValue(), out.toString(), err.toString());
    }
}
