package io.stowage.testsupport;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Local stand-ins for the images the example design names, built from {@link BusyboxImage} under the same
 * references, so the example runs unchanged on an engine that reaches no registry (the agent's default pull
 * behaviour falls back to a cached image): busybox itself; an "nginx" that serves HTTP on port 80 and whose
 * {@code curl} (the health check's) is busybox wget; a "node" that serves on 3000, or for {@code node -e
 * "console.log('...')"} prints the text, as the example's smoke test asks. Each prints a line at start.
 */
public final class ExampleStandIns {
    public static final String BUSYBOX = "public.ecr.aws/docker/library/busybox:1.36";
    public static final String NGINX = "public.ecr.aws/nginx/nginx:1.27";
    public static final String NODE = "public.ecr.aws/docker/library/node:22-alpine";

    private static final String CURL = """
            #!/bin/sh
            # curl [-f] [-s] URL: fetch quietly, fail on an HTTP error, as the health check needs.
            for last; do :; done
            exec wget -q -O /dev/null "$last"
            """;
    private static final String NGINX_START = """
            #!/bin/sh
            echo "nginx stand-in serving on port 80"
            mkdir -p /www && echo "hello from $(hostname)" > /www/index.html
            trap 'echo "nginx stand-in stopping"; exit 0' TERM
            httpd -f -p 80 -h /www & wait
            """;
    private static final String NODE_START = """
            #!/bin/sh
            # node -e "console.log('...')" prints the text; any other program is taken for a server.
            if [ "$1" = "-e" ] && echo "$2" | grep -q "console.log"; then
              echo "$2" | sed -n "s/.*console.log('\\(.*\\)').*/\\1/p"
              exit 0
            fi
            port=${PORT:-3000}
            echo "api stand-in listening on $port"
            mkdir -p /www && echo "${GREETING:-hello}" > /www/index.html
            trap 'echo "api stand-in stopping"; exit 0' TERM
            httpd -f -p "$port" -h /www &
            i=0
            while true; do i=$((i+1)); echo "api heartbeat $i"; sleep 1 & wait $!; done
            """;

    private static final java.util.Set<DockerClient> BUILT =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());

    private ExampleStandIns() {
    }

    public static synchronized void ensure(DockerClient docker) {
        if (BUILT.contains(docker)) {
            return;
        }
        BusyboxImage.ensure(docker);
        docker.tagImageCmd(BusyboxImage.NAME, BUSYBOX.substring(0, BUSYBOX.lastIndexOf(':')), "1.36").exec();
        build(docker, NGINX, new TarWriter()
                .file("curl", 0755, ascii(CURL))
                .file("nginx-start", 0755, ascii(NGINX_START)), "COPY curl /bin/curl\nCOPY nginx-start /bin/nginx-start\n"
                + "CMD [\"/bin/nginx-start\"]\n");
        build(docker, NODE, new TarWriter()
                .file("node", 0755, ascii(NODE_START)), "COPY node /bin/node\nCMD [\"node\"]\n");
        BUILT.add(docker);
    }

    private static void build(DockerClient docker, String tag, TarWriter context, String instructions) {
        String dockerfile = "FROM " + BusyboxImage.NAME + "\n" + instructions;
        byte[] tar = context.file("Dockerfile", 0644, ascii(dockerfile)).finish();
        docker.buildImageCmd().withTarInputStream(new ByteArrayInputStream(tar)).withTags(Set.of(tag))
                .withPull(false).withRemove(true).exec(new BuildImageResultCallback())
                .awaitImageId(2, TimeUnit.MINUTES);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
