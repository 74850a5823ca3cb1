package io.stowage.format.document;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.model.design.Design;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Recovery files are offered when newer than their document, and only then. */
class RecoveryStoreTest {
    @TempDir
    Path dir;
    private final Design example = ExampleDesigns.firstStart().design();

    @Test
    void anUnsavedStateNewerThanItsFileIsOfferedWithTheFilesItBelongsTo() throws Exception {
        Path file = dir.resolve("demo.stowage.json");
        DesignFormat.write(example, file);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minusSeconds(60)));
        RecoveryStore store = new RecoveryStore(dir.resolve("recovery"));
        String key = RecoveryStore.keyOf(List.of(file));
        Design edited = example.withName("Edited");

        store.write(key, OpenDocument.Kind.DESIGN, List.of(file), edited);

        assertThat(store.pending()).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.kind()).isEqualTo(OpenDocument.Kind.DESIGN);
            assertThat(r.files()).containsExactly(file.toAbsolutePath());
            assertThat(r.design()).isEqualTo(edited);
        });
        // Saved since (the file is newer): nothing to offer.
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().plusSeconds(60)));
        assertThat(store.pending()).isEmpty();
        store.discard(key);
        assertThat(store.fileOf(key)).doesNotExist();
    }

    @Test
    void aNewDesignIsOfferedAndABrokenRecoveryFileIsLeftAlone() throws Exception {
        RecoveryStore store = new RecoveryStore(dir);
        store.write("untitled-1", OpenDocument.Kind.DESIGN, List.of(), example);
        Path broken = Files.writeString(dir.resolve("x" + RecoveryStore.SUFFIX), "{\"design\": ");

        assertThat(store.pending()).singleElement().satisfies(r -> assertThat(r.files()).isEmpty());
        assertThat(broken).exists();
    }

    @Test
    void theSameFilesGiveTheSameKey() {
        assertThat(RecoveryStore.keyOf(List.of(dir.resolve("a.json"), dir.resolve("b.json"))))
                .isEqualTo(RecoveryStore.keyOf(List.of(dir.resolve("./a.json"), dir.resolve("b.json"))))
                .isNotEqualTo(RecoveryStore.keyOf(List.of(dir.resolve("a.json"))));
    }
}
