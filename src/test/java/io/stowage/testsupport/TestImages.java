package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The images the local-runner tests run, each built on the engine from {@link BusyboxImage}: one that serves HTTP
 * (busybox httpd on port 8080, answering {@code /} with its hostname), one that exits 0, one that exits 1, and one
 * that becomes healthy after a moment. The long-running ones stop on SIGTERM, so that tests do not wait out stop
 * timeouts; (its {@code /tmp/ready} appears after a second; a task definition's health
 * check tests it).
 */
public final class TestImages {
    public static final String HTTP = "stowage-test/http:2";
    public static final String EXIT_0 = "stowage-test/exit0:1";
    public static final String EXIT_1 = "stowage-test/exit1:1";
    public static final String BECOMES_HEALTHY = "stowage-test/healthy:2";

    private static final java.util.Set<DockerClient> BUILT = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private TestImages() {
    }

    public static synchronized void ensure(DockerClient docker) {
        if (BUILT.contains(docker)) {
            return;
        }
        BusyboxImage.ensure(docker);
        build(docker, HTTP, "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; mkdir -p /www && hostname > /www/index.html"
                + " && httpd -f -p 8080 -h /www & wait\"]");
        build(docker, EXIT_0, "CMD [\"sh\", \"-c\", \"echo done; exit 0\"]");
        build(docker, EXIT_1, "CMD [\"sh\", \"-c\", \"echo failing; exit 1\"]");
        build(docker, BECOMES_HEALTHY, "CMD [\"sh\", \"-c\", \"trap 'exit 0' TERM; sleep 1; touch /tmp/ready; sleep 3600 & wait\"]");
        BUILT.add(docker);
    }

    private static void build(DockerClient docker, String tag, String cmd) {
        try {
            docker.inspectImageCmd(tag).exec();
            return;
        } catch (NotFoundException missing) {
            // build it below
        }
        String dockerfile = "FROM " + BusyboxImage.NAME + "\n" + cmd + "\n";
        byte[] context = new TarWriter().file("Dockerfile", 0644, dockerfile.getBytes(StandardCharsets.UTF_8)).finish();
        docker.buildImageCmd().withTarInputStream(new ByteArrayInputStream(context)).withTags(Set.of(tag))
                .withPull(false).withRemove(true).exec(new BuildImageResultCallback())
                .awaitImageId(2, TimeUnit.MINUTES);
    }
}
