package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.Frame;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** A test container run to its end: what it printed (stdout and stderr, interleaved) and how it exited. */
public record FinishedContainer(String id, int exitCode, String output) {

    private static final long TIMEOUT_SECONDS = 60;

    /** Labels, starts and awaits the container {@code create} describes. */
    public static FinishedContainer run(DockerClient docker, CreateContainerCmd create) {
        String id = create.withLabels(DockerEngineExtension.LABELS).exec().getId();
        docker.startContainerCmd(id).exec();
        int exitCode = docker.waitContainerCmd(id)
                .exec(new WaitContainerResultCallback())
                .awaitStatusCode(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        return new FinishedContainer(id, exitCode, logs(docker, id));
    }

    public static String logs(DockerClient docker, String id) {
        // Appended to on the callback's thread.
        var output = new StringBuffer();
        try (var callback = docker.logContainerCmd(id).withStdOut(true).withStdErr(true)
                .exec(new ResultCallback.Adapter<Frame>() {
                    @Override
                    public void onNext(Frame frame) {
                        output.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    }
                })) {
            if (!callback.awaitCompletion(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                throw new AssertionError("logs of container " + id + " did not end within " + TIMEOUT_SECONDS + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted reading logs of container " + id, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return output.toString();
    }
}
