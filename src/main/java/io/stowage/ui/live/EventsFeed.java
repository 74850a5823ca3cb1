package io.stowage.ui.live;

import io.stowage.model.runtime.ClusterEvent;
import io.stowage.ui.common.StatusLook;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;

/**
 * One feed for the whole cluster: task state changes, service events and engine events, local and ECS alike,
 * newest at the bottom, kept in view.
 */
public final class EventsFeed {
    private final ListView<ClusterEvent> list;

    public EventsFeed(LiveModel model) {
        list = new ListView<>(model.events());
        list.setId("events-feed");
        list.setPlaceholder(new Label("No events yet."));
        list.getStyleClass().add("events-feed");
        io.stowage.ui.common.WrappingCell.remeasureOnResize(list);
        list.setCellFactory(view -> new io.stowage.ui.common.WrappingCell<>(view) {
            @Override
            protected String line(ClusterEvent event) {
                return EventsFeed.line(event);
            }

            @Override
            protected void look(ClusterEvent event) {
                if (event == null) {
                    EventSeverity.clear(this);
                } else {
                    EventSeverity.of(event).apply(this);
                }
            }
        });
        model.events().addListener((ListChangeListener<ClusterEvent>) change -> list.scrollTo(list.getItems().size() - 1));
    }

    public Node node() {
        return list;
    }

    static String line(ClusterEvent event) {
        return StatusLook.clock(event.at()) + "  " + (event.cluster() == null ? "" : event.cluster() + "  ")
                + (event.subject() == null ? "" : event.subject() + "  ") + event.message();
    }
}
