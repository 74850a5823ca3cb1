package io.stowage.ui.shell;

import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** {@link FileChoices} through the platform's file and folder choosers. */
final class PlatformFileChoices implements FileChoices {
    @Override
    public List<Path> openFiles(Window owner, Request request) {
        List<File> files = chooser(request).showOpenMultipleDialog(owner);
        return files == null ? List.of() : files.stream().map(File::toPath).toList();
    }

    @Override
    public Path saveFile(Window owner, Request request) {
        FileChooser chooser = chooser(request);
        if (request.initialName() != null) {
            chooser.setInitialFileName(request.initialName());
        }
        File file = chooser.showSaveDialog(owner);
        return file == null ? null : file.toPath();
    }

    @Override
    public Path folder(Window owner, Request request) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(request.title());
        if (isFolder(request.initialDirectory())) {
            chooser.setInitialDirectory(request.initialDirectory().toFile());
        }
        File folder = chooser.showDialog(owner);
        return folder == null ? null : folder.toPath();
    }

    /** The save dialogs of Windows, macOS and GTK ask before a file is replaced. */
    @Override
    public boolean confirmsOverwrite() {
        return true;
    }

    private static FileChooser chooser(Request request) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(request.title());
        for (Filter filter : request.filters()) {
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(filter.description(), filter.patterns()));
        }
        if (isFolder(request.initialDirectory())) {
            chooser.setInitialDirectory(request.initialDirectory().toFile());
        }
        return chooser;
    }

    private static boolean isFolder(Path path) {
        return path != null && Files.isDirectory(path);
    }
}
