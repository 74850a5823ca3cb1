package io.stowage.ui.shell;

import io.stowage.edit.EditHistory;
import io.stowage.model.design.Design;
import io.stowage.model.rules.Finding;
import io.stowage.ui.common.DesignAnalysis;
import io.stowage.ui.common.Selection;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.control.ListView;

import java.util.List;

/**
 * Every finding of the whole design, refreshed after each edit; double-click (or Enter) selects the element
 * it is about and asks the inspector to focus its field.
 */
final class ProblemsPanel {
    private final ObservableList<Finding> findings = FXCollections.observableArrayList();
    private final ListView<Finding> list = new ListView<>(findings);
    private EditHistory history;
    private final java.util.function.Consumer<EditHistory> listener = h -> refresh(h.current());

    private final DesignAnalysis analysis;

    ProblemsPanel(Selection selection, DesignAnalysis analysis) {
        this.analysis = analysis;
        list.setId("problems-list");
        list.getStyleClass().add("problems-list");
        list.setPlaceholder(new javafx.scene.control.Label("No problems: every rule passes."));
        io.stowage.ui.common.WrappingCell.remeasureOnResize(list);
        list.setCellFactory(view -> new io.stowage.ui.common.WrappingCell<>(view) {
            @Override
            protected String line(Finding finding) {
                return (finding.isError() ? "Error  " : "Warning  ") + finding.message() + "   "
                        + finding.path() + "  [" + finding.ruleId() + "]";
            }

            @Override
            protected void look(Finding finding) {
                getStyleClass().removeAll("finding-error", "finding-warning");
                if (finding != null) {
                    getStyleClass().add(finding.isError() ? "finding-error" : "finding-warning");
                }
            }
        });
        list.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                reveal(selection);
            }
        });
        list.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER) {
                reveal(selection);
            }
        });
    }

    ListView<Finding> node() {
        return list;
    }

    void follow(EditHistory newHistory) {
        if (history != null) {
            history.removeListener(listener);
        }
        history = newHistory;
        history.addListener(listener);
        refresh(history.current());
    }

    List<Finding> findings() {
        return List.copyOf(findings);
    }

    private void refresh(Design design) {
        findings.setAll(analysis.findings(design));
    }

    private void reveal(Selection selection) {
        Finding finding = list.getSelectionModel().getSelectedItem();
        if (finding == null || history == null) {
            return;
        }
        FindingTargets.Target target = FindingTargets.of(history.current(), finding.path());
        if (target != null) {
            selection.select(target.element());
            selection.focusedPathProperty().set(target.innerPath());
        }
    }
}
