package id.orqestra.desktop.auth;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.ui.Brand;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The pieces the sign-in and join screens share: brand beside a centred form, fields, the failure, the button. */
final class AuthForm {

    /** Below this width the brand panel steps aside and the form has the window to itself. */
    private static final double BRAND_PANEL_MIN_WINDOW_WIDTH = 820;

    private AuthForm() {
    }

    /** Fills {@code root} with the brand panel and the form side. */
    static void layOut(HBox root, Node formSide) {
        Node brand = brandPanel();
        HBox.setHgrow(formSide, Priority.ALWAYS);
        root.getChildren().addAll(brand, formSide);
        brand.visibleProperty().bind(root.widthProperty().greaterThanOrEqualTo(BRAND_PANEL_MIN_WINDOW_WIDTH));
        brand.managedProperty().bind(brand.visibleProperty());
    }

    /** The form centred under a header that holds {@code headerActions} on the right. */
    static Node side(Node headerActions, VBox form) {
        HBox header = new HBox(new Spacer(), headerActions);
        header.getStyleClass().add("form-header");
        form.setMaxWidth(400);
        form.setMaxHeight(Region.USE_PREF_SIZE);
        form.setFillWidth(true);
        StackPane centre = new StackPane(form) {
            @Override
            protected double computeMinHeight(double width) {
                // the whole form, without the centring margin or the bottom padding: shorter than this, the form scrolls
                return snappedTopInset() + form.prefHeight(form.getWidth() > 0 ? form.getWidth() : -1);
            }
        };
        centre.getStyleClass().add("form-centre");
        ScrollPane scroller = new ScrollPane(centre);
        keepInPlace(scroller, centre, form);
        scroller.setFitToWidth(true);
        scroller.setFitToHeight(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().add("form-scroller");
        BorderPane side = new BorderPane(scroller);
        side.setTop(header);
        side.getStyleClass().add("form-side");
        return side;
    }

    /**
     * Centres {@code form} as if no failure card were showing, so that a card appearing grows the form downward
     * instead of making every field jump up (into the bottom padding, and higher only as far as it must to stay in
     * the window; past that, the form scrolls).
     */
    private static void keepInPlace(ScrollPane scroller, StackPane centre, VBox form) {
        StackPane.setAlignment(form, Pos.TOP_CENTER);
        Runnable place = () -> {
            double cards = form.getChildren().stream().filter(node -> node instanceof Message && node.isManaged())
                    .mapToDouble(card -> card.getLayoutBounds().getHeight() + form.getSpacing()).sum();
            double room = scroller.getViewportBounds().getHeight() - centre.snappedTopInset();
            double centred = (room - centre.snappedBottomInset() - (form.getHeight() - cards)) / 2;
            StackPane.setMargin(form, new Insets(Math.max(0, Math.min(centred, room - form.getHeight())), 0, 0, 0));
        };
        form.heightProperty().addListener(o -> place.run());
        scroller.viewportBoundsProperty().addListener(o -> place.run());
    }

    static VBox heading(String title, String subtitle) {
        Label titleLabel = new Label(title);
        titleLabel.getStyleClass().add(Styles.TITLE_2);
        Label subtitleLabel = new Label(subtitle);
        subtitleLabel.getStyleClass().add(Styles.TEXT_MUTED);
        subtitleLabel.setWrapText(true);
        subtitleLabel.setMinHeight(Region.USE_PREF_SIZE); // wraps onto more lines rather than ending in "…"
        return new VBox(6, titleLabel, subtitleLabel);
    }

    /**
     * A labelled input with its error sentence below; {@code onLeave} runs when the focus leaves it (the view
     * model checks the field then, not at every key).
     */
    static VBox field(String labelText, TextInputControl input, ObservableStringValue error, String errorId, Runnable onLeave) {
        Label label = new Label(labelText);
        label.getStyleClass().add("field-label");
        label.setLabelFor(input);
        label.setMnemonicParsing(false);
        Label message = new Label();
        message.setId(errorId);
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(error);
        input.focusedProperty().addListener((obs, wasFocused, isFocused) -> {
            if (wasFocused && !isFocused) {
                onLeave.run();
            }
        });
        error.addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        input.pseudoClassStateChanged(Styles.STATE_DANGER, !error.get().isEmpty());
        VBox block = new VBox(6, label, input, message);
        VBox.setMargin(message, new Insets(-2, 0, 0, 0));
        block.getStyleClass().add("field");
        return block;
    }

    /** Why the last attempt failed, shown while {@code shown} holds. */
    static Message failure(String id, ObservableStringValue title, ObservableStringValue description, ObservableBooleanValue shown) {
        Message failure = new Message();
        failure.setId(id);
        failure.getStyleClass().add(Styles.DANGER);
        failure.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        failure.titleProperty().bind(title);
        failure.descriptionProperty().bind(description);
        failure.visibleProperty().bind(shown);
        failure.managedProperty().bind(failure.visibleProperty());
        return failure;
    }

    /** The form's wide default button, with a spinner while {@code busy}. */
    static Button primaryButton(String id, ObservableBooleanValue busy, Runnable action) {
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("button-spinner");
        Button button = new Button();
        button.setId(id);
        button.setDefaultButton(true);
        button.setMaxWidth(Double.MAX_VALUE);
        button.getStyleClass().addAll(Styles.ACCENT, "sign-in-button");
        button.graphicProperty().bind(Bindings.when(busy).then((Node) spinner).otherwise((Node) null));
        button.setOnAction(event -> action.run());
        return button;
    }

    /** The brand side: name, tagline, what the product does. */
    static Node brandPanel() {
        Label name = new Label(Brand.PRODUCT_NAME);
        name.getStyleClass().add("brand-name");
        HBox logo = new HBox(12, Brand.logoMark(40), name);
        logo.setAlignment(Pos.CENTER_LEFT);

        Label tagline = new Label(Brand.TAGLINE);
        tagline.setId("tagline");
        tagline.getStyleClass().add("brand-tagline");
        tagline.setWrapText(true);

        VBox features = new VBox(14,
                feature(Feather.MESSAGE_CIRCLE, "WhatsApp and Instagram, side by side"),
                feature(Feather.WIFI_OFF, "Keeps working when the network does not"),
                feature(Feather.USERS, "Roles, flows and broadcasts for your team"));

        VBox text = new VBox(28, tagline, features);
        Label footnote = new Label("Customer conversations, in concert.");
        footnote.getStyleClass().add("brand-footnote");

        VBox panel = new VBox(logo, new Spacer(Orientation.VERTICAL), text, new Spacer(Orientation.VERTICAL), footnote);
        panel.getStyleClass().add("brand-panel");
        panel.setMinWidth(340);
        panel.setPrefWidth(420);
        panel.setMaxWidth(460);
        return panel;
    }

    private static Node feature(Ikon ikon, String text) {
        FontIcon icon = new FontIcon(ikon);
        Label label = new Label(text);
        label.setWrapText(true);
        HBox row = new HBox(12, icon, label);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("brand-feature");
        return row;
    }
}
