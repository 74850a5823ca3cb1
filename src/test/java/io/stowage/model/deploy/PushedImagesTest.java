package io.stowage.model.deploy;

import io.stowage.format.FileWriteException;
import io.stowage.format.PushedImagesFile;
import io.stowage.format.UnreadableFileException;
import io.stowage.model.design.Design;
import io.stowage.model.ecs.TaskDefinition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The digests stowage push records, read back, and the design a deploy registers with them. */
class PushedImagesTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String IMAGE = "127.0.0.1:5000/shop/web:dev";

    private static Design design() {
        TaskDefinition web = new TaskDefinition(JsonLiterals.object("""
                {"family": "web", "containerDefinitions": [
                  {"name": "web", "image": "127.0.0.1:5000/shop/web:dev"},
                  {"name": "sidecar", "image": "public.ecr.aws/nginx/nginx:1.27"}]}
                """));
        return Design.empty("shop").withTaskDefinition(web);
    }

    private static PushedImages pushed() {
        return PushedImages.NONE.with(IMAGE, new PushedImages.Pushed(DIGEST, "sha256:" + "cd".repeat(32),
                Instant.parse("2026-12-03T08:00:00Z")));
    }

    @Test
    void pinningToTheDigestReplacesOnlyThePushedImagesAndSaysSo() {
        PushedImages.Pinned pinned = pushed().pin(design(), PushedImages.Pinning.DIGEST, "shop.images.json");

        var containers = pinned.design().taskDefinition("web").orElseThrow().containerDefinitions();
        assertThat(containers.get(0).image()).isEqualTo("127.0.0.1:5000/shop/web@" + DIGEST);
        assertThat(containers.get(1).image()).isEqualTo("public.ecr.aws/nginx/nginx:1.27");
        assertThat(pinned.notes()).containsExactly("image " + IMAGE + " registered as 127.0.0.1:5000/shop/web@"
                + DIGEST + ", the digest pushed last (shop.images.json) (web/web)");
    }

    @Test
    void keepingTheTagChangesNothingButSaysWhichDigestWasPushed() {
        PushedImages.Pinned kept = pushed().pin(design(), PushedImages.Pinning.TAG, "shop.images.json");

        assertThat(kept.design()).isEqualTo(design());
        assertThat(kept.notes()).singleElement().asString().contains("registered by its tag").contains(DIGEST);
    }

    @Test
    void aPinnedReferenceDropsTheTagButNotARegistryPort() {
        assertThat(PushedImages.pinnedReference("127.0.0.1:5000/web", DIGEST)).isEqualTo("127.0.0.1:5000/web@" + DIGEST);
        assertThat(PushedImages.pinnedReference("nginx:1.27", DIGEST)).isEqualTo("nginx@" + DIGEST);
    }

    @Test
    void theRecordFileSitsBesideTheDesignAndReadsBackWhatWasWritten(@TempDir Path dir)
            throws FileWriteException, UnreadableFileException {
        Path file = PushedImagesFile.beside(dir.resolve("shop.stowage.json"));
        assertThat(file).isEqualTo(dir.resolve("shop.images.json").toAbsolutePath());
        assertThat(PushedImagesFile.read(file)).isEqualTo(PushedImages.NONE);

        PushedImagesFile.write(file, pushed());

        assertThat(PushedImagesFile.read(file)).isEqualTo(pushed());
    }

    @Test
    void aRecordFileOfTheWrongShapeIsRefusedNamingThePath(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("shop.images.json"),
                "{\"formatVersion\": 1, \"images\": {\"web:dev\": {\"digest\": \"latest\"}}}");

        assertThatThrownBy(() -> PushedImagesFile.read(file)).isInstanceOf(UnreadableFileException.class)
                .hasMessageStartingWith(file.toString())
                .hasMessageContaining("images.web:dev.digest: expected \"sha256:\" and 64 hex digits");
        Files.writeString(file, "{\"formatVersion\": 2}");
        assertThatThrownBy(() -> PushedImagesFile.read(file)).hasMessageContaining("formatVersion: expected 1, got 2");
    }
}
