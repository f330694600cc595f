package id.orqestra.desktop.admin;

import atlantafx.base.controls.ModalPane;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;

/**
 * Dialogs drawn inside the window (AtlantaFX {@link ModalPane}) rather than as separate windows: they
 * dim the admin area, keep the look of the app, and close with Escape or their Cancel button.
 */
final class Dialogs {

    private final ModalPane modal;

    Dialogs(ModalPane modal) {
        this.modal = modal;
        modal.setPersistent(true); // a click beside a half-filled form must not throw it away
        // without the zoom-in the card is drawn once, where it belongs: the animation's first frame drew it at
        // the pane's top-left corner and that copy stayed on screen behind the dimmed area
        modal.setInTransitionFactory(null);
    }

    /** A card with a title, a close button and {@code body}; {@code buttons} go bottom right. */
    static VBox card(String id, String title, double width, Node body, Node... buttons) {
        return card(id, title, null, width, body, buttons);
    }

    /**
     * As {@link #card(String, String, double, Node, Node...)}, with {@code titleGraphic} (may be null)
     * before the title.
     */
    static VBox card(String id, String title, Node titleGraphic, double width, Node body, Node... buttons) {
        Label heading = new Label(title, titleGraphic);
        heading.getStyleClass().add(Styles.TITLE_4);
        heading.setGraphicTextGap(10);
        heading.setWrapText(true);
        Button close = AdminUi.iconButton(Feather.X, "Close");
        close.setId(id + "-close");
        close.setCancelButton(true);
        HBox top = new HBox(8, heading, new Spacer(), close);
        top.setAlignment(Pos.CENTER_LEFT);

        HBox bottom = new HBox(8);
        bottom.getChildren().add(new Spacer());
        bottom.getChildren().addAll(buttons);
        bottom.setAlignment(Pos.CENTER_RIGHT);

        VBox card = new VBox(18, top, body, bottom);
        VBox.setVgrow(body, Priority.ALWAYS);
        card.setId(id);
        card.getStyleClass().add("dialog-card");
        card.setPrefWidth(width);
        card.setMaxWidth(width);
        card.setMaxHeight(Region.USE_PREF_SIZE);
        return card;
    }

    void show(VBox card) {
        // the card's close button (marked as cancel button) and Escape both close it
        card.lookupAll(".button").stream()
                .filter(node -> node instanceof Button button && button.isCancelButton())
                .forEach(node -> ((Button) node).setOnAction(event -> close()));
        card.setOnKeyPressed(event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                close();
            }
        });
        modal.show(card);
        // the caret starts in the first field, so a person can type straight away
        Platform.runLater(() -> card.lookupAll(".text-input").stream()
                .filter(node -> node instanceof TextInputControl input && input.isEditable() && !input.isDisabled())
                .findFirst()
                .ifPresentOrElse(Node::requestFocus, card::requestFocus));
    }

    void close() {
        modal.hide(true);
    }

    /**
     * Asks before something that cannot be taken back. {@code danger} paints the confirming button red.
     */
    void confirm(String id, String title, String question, String confirmLabel, boolean danger, Runnable onConfirm) {
        Button cancel = new Button("Cancel");
        cancel.setId(id + "-cancel");
        cancel.setOnAction(event -> close());
        Button confirm = new Button(confirmLabel);
        confirm.setId(id + "-confirm");
        confirm.getStyleClass().add(danger ? Styles.DANGER : Styles.ACCENT);
        confirm.setDefaultButton(true);
        confirm.setOnAction(event -> {
            close();
            onConfirm.run();
        });
        show(card(id, title, 440, wrapped(question), cancel, confirm));
    }

    /** Tells something there is no choice about: a single OK closes it. */
    void inform(String id, String title, String message) {
        Button ok = new Button("OK");
        ok.setId(id + "-ok");
        ok.getStyleClass().add(Styles.ACCENT);
        ok.setDefaultButton(true);
        ok.setOnAction(event -> close());
        show(card(id, title, 440, wrapped(message), ok));
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
