package id.orqestra.desktop.inbox;

import id.orqestra.desktop.store.ConversationRow;
import id.orqestra.desktop.ui.Initials;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.Platform;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.fontawesome5.FontAwesomeBrands;
import org.kordamp.ikonli.javafx.FontIcon;

import java.time.Instant;
import java.time.ZoneId;

/**
 * One row of the conversation list. Its nodes are made once; {@code updateItem} only sets texts and
 * classes, so scrolling through a hundred thousand conversations stays smooth.
 */
final class ConversationCell extends ListCell<ConversationRow> {

    private final Label avatar = new Label();
    private final FontIcon platform = new FontIcon();
    private final Label name = new Label();
    private final Label time = new Label();
    private final FontIcon kind = new FontIcon();
    private final Label preview = new Label();
    private final Label unread = new Label();
    private final Label status = new Label();
    private final HBox root;

    ConversationCell() {
        avatar.getStyleClass().add("conversation-avatar");
        platform.getStyleClass().add("platform-mark");
        StackPane.setAlignment(platform, Pos.BOTTOM_RIGHT);
        StackPane face = new StackPane(avatar, platform);
        face.getStyleClass().add("conversation-face");

        name.getStyleClass().add("conversation-name");
        name.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(name, Priority.ALWAYS);
        time.getStyleClass().add("conversation-time");
        status.getStyleClass().add("conversation-status");
        HBox right = new HBox(6, status, time);
        right.setAlignment(Pos.CENTER_RIGHT);
        right.setMinWidth(Region.USE_PREF_SIZE);
        javafx.scene.layout.BorderPane top = new javafx.scene.layout.BorderPane(name, null, right, null, null);
        javafx.scene.layout.BorderPane.setAlignment(name, Pos.CENTER_LEFT);

        kind.getStyleClass().add("preview-kind");
        preview.getStyleClass().add("conversation-preview");
        preview.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(preview, Priority.ALWAYS);
        unread.getStyleClass().add("unread-badge");
        unread.setMinWidth(Region.USE_PREF_SIZE);
        HBox bottom = new HBox(4, kind, preview, unread);
        bottom.setAlignment(Pos.CENTER_LEFT);

        VBox text = new VBox(3, top, bottom);
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        root = new HBox(10, face, text);
        root.setAlignment(Pos.CENTER_LEFT);
        getStyleClass().add("conversation-cell");
        fitToList(this, root);
        top.setMinWidth(0);
        bottom.setMinWidth(0);
        name.setMinWidth(0);
        preview.setMinWidth(0);
    }

    /**
     * Keeps a cell as wide as its list, never wider: long texts end in an ellipsis instead of a sideways scroll.
     * (A cell lays its graphic out at the graphic's preferred width: that is made the cell's inner width.)
     */
    static void fitToList(ListCell<?> cell, Region graphic) {
        cell.setPrefWidth(0);
        cell.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
        graphic.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(
                () -> cell.getWidth() - cell.getInsets().getLeft() - cell.getInsets().getRight(),
                cell.widthProperty(), cell.insetsProperty()));
        graphic.setMaxWidth(Region.USE_PREF_SIZE);
        graphic.setMinWidth(0);
    }

    @Override
    protected void updateItem(ConversationRow row, boolean empty) {
        super.updateItem(row, empty);
        if (empty || row == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        avatar.setText(Initials.of(row.contactName().replaceFirst("^[@+]", "")));
        boolean whatsapp = row.platform() == Platform.WHATSAPP;
        platform.setIconCode(whatsapp ? FontAwesomeBrands.WHATSAPP : FontAwesomeBrands.INSTAGRAM);
        platform.getStyleClass().setAll("platform-mark", whatsapp ? "whatsapp-mark" : "instagram-mark");
        name.setText(row.contactName());
        time.setText(InboxFormat.listTime(row.lastActivityMillis(), Instant.now(), ZoneId.systemDefault()));
        String mark = InboxFormat.kindMark(row.lastPreview());
        kind.setVisible(!mark.isEmpty());
        kind.setManaged(!mark.isEmpty());
        if (!mark.isEmpty()) {
            kind.setIconCode(InboxIcons.forKindMark(mark));
        }
        String text = InboxFormat.plainPreview(row.lastPreview());
        preview.setText(row.lastDirection() == Direction.OUTBOUND ? "You: " + text : text);
        boolean hasUnread = row.unreadCount() > 0;
        unread.setText(row.unreadCount() > 99 ? "99+" : Integer.toString(row.unreadCount()));
        unread.setVisible(hasUnread);
        unread.setManaged(hasUnread);
        root.pseudoClassStateChanged(InboxIcons.UNREAD, hasUnread);
        boolean showStatus = row.status() != ConversationStatus.OPEN;
        status.setVisible(showStatus);
        status.setManaged(showStatus);
        status.setText(showStatus ? row.status() == ConversationStatus.RESOLVED ? "Resolved" : "Pending" : "");
        setText(null);
        setGraphic(root);
    }
}
