package io.stowage.testsupport;

/**
 * Whether this test run refreshes what docs/ holds that tests make: pictures ({@link DocsPictures}) and generated
 * text such as docs/cli.md. Off by default, so that {@code mvn verify} leaves the working tree as it was; on with
 * {@code -Dstowage.refreshDocs=true}, to commit what changed on purpose.
 */
public final class Docs {
    public static final String REFRESH_PROPERTY = "stowage.refreshDocs";
    /** The name this property had before; still honoured. */
    private static final String OLD_REFRESH_PROPERTY = "stowage.updateDocs";

    private Docs() {
    }

    public static boolean refresh() {
        return Boolean.getBoolean(REFRESH_PROPERTY) || Boolean.getBoolean(OLD_REFRESH_PROPERTY);
    }
}
