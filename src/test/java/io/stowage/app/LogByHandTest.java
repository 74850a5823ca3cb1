package io.stowage.app;

import io.stowage.format.design.DesignFormat;
import io.stowage.format.design.ExampleDesigns;
import io.stowage.logging.StowageLog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.nio.file.Path;

import static io.stowage.testsupport.FxWait.await;
import static io.stowage.testsupport.FxWait.onFx;
import static org.assertj.core.api.Assertions.assertThat;

/** Help › Show Log shows the end of the log file and where it is; Copy Diagnostics puts a bug report's facts on the clipboard. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class LogByHandTest {
    @TempDir
    static Path dir;

    @Start
    void start(Stage stage) throws Exception {
        StowageLog.toFile(dir.resolve("home"));
        LoggerFactory.getLogger("io.stowage.ui.common.TaskExecutor")
                .warn("Deploying to ECS failed", new IllegalStateException("the endpoint went away"));
        Path file = dir.resolve("log-demo" + DesignFormat.EXTENSION);
        DesignFormat.write(ExampleDesigns.firstStart().design(), file);
        AppWindows.showing(stage, file, "io/stowage/test/log-by-hand");
    }

    @AfterEach
    void silenceAgain() {
        StowageLog.off();
    }

    @Test
    void showLogThenCopyDiagnostics(FxRobot robot) throws Exception {
        robot.clickOn("#menu-help").clickOn("#menu-show-log");
        TextArea text = (TextArea) await(10, () -> robot.lookup("#log-text").tryQuery().orElse(null));
        String shown = onFx(text::getText);
        assertThat(shown).contains("WARN", "Deploying to ECS failed",
                "java.lang.IllegalStateException: the endpoint went away", "at io.stowage.app.LogByHandTest.start");
        String where = onFx(() -> robot.lookup("#log-file").queryAs(Label.class).getText());
        assertThat(where)
                .isEqualTo(dir.resolve("home/logs/stowage.log").toString());

        robot.clickOn("#log-copy-diagnostics");
        String status = onFx(() -> robot.lookup("#log-status").queryAs(Label.class).getText());
        assertThat(status).startsWith("Diagnostics copied");
        String copied = onFx(() -> Clipboard.getSystemClipboard().getString());
        assertThat(copied).startsWith("Stowage test\n").contains("DOCKER_HOST", "Log: " + dir.resolve("home/logs/stowage.log"),
                "Deploying to ECS failed");
    }
}
