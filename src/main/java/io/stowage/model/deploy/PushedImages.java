package io.stowage.model.deploy;

import io.stowage.model.design.Design;
import io.stowage.model.ecs.ContainerDefinition;
import io.stowage.model.ecs.TaskDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The digests {@code stowage push} got from the registry for a design's images, keyed by the image as the
 * containers name it ({@code 127.0.0.1:5000/shop/web:dev}), so that a deploy can register exactly what was pushed
 * ({@code image@sha256:...}) instead of whatever the tag points at when a task starts. Kept beside the design in
 * {@code <design>.images.json} (docs/ecs.md).
 *
 * @param images what was pushed, by image reference
 */
public record PushedImages(Map<String, Pushed> images) {
    public static final PushedImages NONE = new PushedImages(Map.of());

    /**
     * One push.
     *
     * @param digest   the manifest digest the registry answered, {@code sha256:...}
     * @param imageId  the local image id pushed, or null
     * @param pushedAt when, or null
     */
    public record Pushed(String digest, String imageId, Instant pushedAt) {
        public Pushed {
            Objects.requireNonNull(digest, "digest");
        }
    }

    /** Which image reference a deploy registers for an image that was pushed. */
    public enum Pinning {
        /** {@code repository@sha256:...}: the task runs what was pushed, however the tag moves later. */
        DIGEST,
        /** the reference as the design names it (the tag): tasks pull whatever the tag points at. */
        TAG
    }

    /**
     * @param design the design with pinned images
     * @param notes  one line per image pushed that the design's containers name, saying which reference is used
     */
    public record Pinned(Design design, List<String> notes) {
    }

    public PushedImages {
        images = Collections.unmodifiableMap(new LinkedHashMap<>(images));
    }

    /** These records with {@code image}'s replaced or added. */
    public PushedImages with(String image, Pushed pushed) {
        Map<String, Pushed> out = new LinkedHashMap<>(images);
        out.put(image, pushed);
        return new PushedImages(out);
    }

    /**
     * The reference a container naming {@code image} registers pinned to {@code digest}: the repository (tag
     * dropped) at the digest, the form ECS documents ({@code registry/repository@sha256:...}).
     */
    public static String pinnedReference(String image, String digest) {
        String repository = image;
        int slash = repository.lastIndexOf('/');
        int colon = repository.lastIndexOf(':');
        if (colon > slash) {
            repository = repository.substring(0, colon);
        }
        return repository + "@" + digest;
    }

    /**
     * The design with each container image that was pushed replaced by its pinned reference ({@link Pinning#DIGEST})
     * or left as it is ({@link Pinning#TAG}); either way a note per image says which, and where the digest came from.
     *
     * @param source where the records were read, for the notes (e.g. {@code shop.images.json})
     */
    public Pinned pin(Design design, Pinning pinning, String source) {
        Map<String, List<String>> users = new LinkedHashMap<>();
        Design out = design;
        for (TaskDefinition td : design.taskDefinitionList()) {
            List<ContainerDefinition> containers = new ArrayList<>();
            boolean changed = false;
            for (ContainerDefinition c : td.containerDefinitions()) {
                Pushed pushed = c.image() == null ? null : images.get(c.image());
                if (pushed != null) {
                    users.computeIfAbsent(c.image(), k -> new ArrayList<>()).add(td.family() + "/" + c.name());
                    if (pinning == Pinning.DIGEST) {
                        c = c.withImage(pinnedReference(c.image(), pushed.digest()));
                        changed = true;
                    }
                }
                containers.add(c);
            }
            if (changed) {
                out = out.withTaskDefinition(td.withContainerDefinitions(containers));
            }
        }
        List<String> notes = new ArrayList<>();
        users.forEach((image, containers) -> {
            String digest = images.get(image).digest();
            String who = " (" + String.join(", ", containers) + ")";
            notes.add(pinning == Pinning.DIGEST
                    ? "image " + image + " registered as " + pinnedReference(image, digest) + ", the digest pushed"
                    + " last (" + source + ")" + who
                    : "image " + image + " registered by its tag (--images tag); the digest pushed last is " + digest
                    + " (" + source + ")" + who);
        });
        return new Pinned(out, notes);
    }
}
