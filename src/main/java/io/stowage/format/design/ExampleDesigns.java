package io.stowage.format.design;

import io.stowage.format.UnreadableFileException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The designs that ship with Stowage, read from the classpath. */
public final class ExampleDesigns {
    /** The document the app opens on first start. */
    public static final String FIRST_START = "/io/stowage/examples/example.stowage.json";

    private ExampleDesigns() {
    }

    /**
     * The first-start design.
     *
     * @throws IllegalStateException if the resource is missing or unreadable, which is a build defect
     */
    public static LoadedDesign firstStart() {
        return load(FIRST_START);
    }

    public static LoadedDesign load(String resource) {
        try (InputStream in = ExampleDesigns.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("example design " + resource + " is not on the classpath");
            }
            return DesignFormat.parse(resource.substring(resource.lastIndexOf('/') + 1),
                    new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnreadableFileException e) {
            throw new IllegalStateException("example design " + resource + " is broken: " + e.getMessage(), e);
        }
    }
}
