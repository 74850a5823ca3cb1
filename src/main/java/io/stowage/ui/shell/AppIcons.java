package io.stowage.ui.shell;

import javafx.scene.image.Image;
import javafx.stage.Stage;

import java.util.ArrayList;
import java.util.List;

/**
 * Stowage's icon in every size the desktops ask for, made from icons/stowage.svg by icons/build-icons.sh; the
 * window manager picks the one that fits (16 px in a title bar, 48 or more in a task switcher).
 */
public final class AppIcons {
    static final int[] SIZES = {16, 32, 48, 64, 128, 256, 512};

    private AppIcons() {
    }

    public static List<Image> all() {
        List<Image> out = new ArrayList<>();
        for (int size : SIZES) {
            var url = AppIcons.class.getResource("/io/stowage/ui/icons/stowage-" + size + ".png");
            if (url != null) {
                out.add(new Image(url.toExternalForm()));
            }
        }
        return out;
    }

    public static void applyTo(Stage stage) {
        stage.getIcons().setAll(all());
    }
}
