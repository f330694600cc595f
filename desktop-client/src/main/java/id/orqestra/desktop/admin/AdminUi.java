package id.orqestra.desktop.admin;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.ui.Initials;
import id.orqestra.desktop.viewmodel.FormField;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Small pieces every admin tab is built from, so that the tabs look and behave alike. */
final class AdminUi {

    private AdminUi() {
    }

    /** Title, a line under it, and the tab's buttons on the right. */
    static Node pageHeader(String title, ReadOnlyStringProperty subtitle, Node... actions) {
        Label heading = new Label(title);
        heading.getStyleClass().add(Styles.TITLE_3);
        Label line = new Label();
        line.getStyleClass().add(Styles.TEXT_MUTED);
        line.textProperty().bind(subtitle);
        line.setWrapText(true);
        VBox text = new VBox(2, heading, line);
        HBox header = new HBox(8);
        header.getChildren().addAll(text, new Spacer());
        header.getChildren().addAll(actions);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("admin-page-header");
        return header;
    }

    /** A closable red banner showing {@code error} while it is not empty. */
    static Message errorBanner(String id, ReadOnlyStringProperty error, Runnable onClose) {
        Message banner = new Message();
        banner.setId(id);
        banner.getStyleClass().add(Styles.DANGER);
        banner.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        banner.descriptionProperty().bind(error);
        banner.visibleProperty().bind(error.isNotEmpty());
        banner.managedProperty().bind(banner.visibleProperty());
        banner.setOnClose(event -> onClose.run());
        return banner;
    }

    static Button refreshButton(String id, Runnable onRefresh, ReadOnlyBooleanProperty loading) {
        Button refresh = iconButton(Feather.REFRESH_CW, "Load again");
        refresh.setId(id);
        refresh.disableProperty().bind(loading);
        refresh.setOnAction(event -> onRefresh.run());
        return refresh;
    }

    static Button iconButton(Ikon icon, String tooltip) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        button.setTooltip(new Tooltip(tooltip));
        button.setAccessibleText(tooltip);
        return button;
    }

    static Button accentButton(String text, Ikon icon) {
        Button button = new Button(text, new FontIcon(icon));
        button.getStyleClass().add(Styles.ACCENT);
        return button;
    }

    /** What a table shows while empty: a spinner while loading, else {@code emptyText}. */
    static Node tablePlaceholder(ReadOnlyBooleanProperty loading, String loadingText, String emptyText) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setMaxSize(22, 22);
        spinner.visibleProperty().bind(loading);
        spinner.managedProperty().bind(loading);
        Label text = new Label();
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.textProperty().bind(Bindings.when(loading).then(loadingText).otherwise(emptyText));
        VBox box = new VBox(10, spinner, text);
        box.setAlignment(Pos.CENTER);
        return box;
    }

    /**
     * A labelled input bound to {@code field}, with its inline message under it and an optional hint
     * (shown while there is no message).
     */
    static VBox formField(String labelText, TextInputControl input, FormField field, String hint) {
        Label label = new Label(labelText);
        label.getStyleClass().add("field-label");
        label.setLabelFor(input);
        label.setMnemonicParsing(false);
        input.textProperty().bindBidirectional(field.valueProperty());
        input.focusedProperty().addListener((obs, was, is) -> {
            if (was && !is) {
                field.leave();
            }
        });
        field.errorProperty().addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.when(field.errorProperty().isEmpty())
                .then(hint == null ? "" : hint).otherwise(field.errorProperty()));
        message.pseudoClassStateChanged(Styles.STATE_DANGER, false);
        field.errorProperty().addListener((obs, old, now) -> message.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        if (hint != null) {
            message.getStyleClass().add("field-hint");
        }
        VBox block = new VBox(5, label, input, message);
        VBox.setMargin(message, new Insets(-1, 0, 0, 0));
        return block;
    }

    /** A round badge with initials, as in the top bar. */
    static Node avatar(String initials) {
        Label label = new Label(initials);
        label.getStyleClass().add("member-avatar");
        StackPane badge = new StackPane(label);
        badge.getStyleClass().add("member-avatar-badge");
        return badge;
    }

    /** "Siti Rahma" → "SR"; the same rule as the top bar's avatar. */
    static String initialsOf(String name) {
        return Initials.of(name);
    }
}
