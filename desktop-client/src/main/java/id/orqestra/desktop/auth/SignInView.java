package id.orqestra.desktop.auth;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.ui.Brand;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
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

import static id.orqestra.desktop.auth.SignInViewModel.Field;

/**
 * The sign-in screen: the brand on the left, the form on the right. It only lays out, binds to the
 * {@link SignInViewModel} and forwards what the person does to its commands.
 */
public final class SignInView {

    /** Below this width the brand panel steps aside and the form has the window to itself. */
    private static final double BRAND_PANEL_MIN_WINDOW_WIDTH = 820;

    private final SignInViewModel model;
    private final HBox root = new HBox();
    private final TextField serverUrlField = new TextField();
    private final TextField emailField = new TextField();
    private final PasswordField passwordField = new PasswordField();

    private final Runnable onJoin;

    /** {@code onJoin} opens the form for people who have an invitation code instead of a password. */
    public SignInView(SignInViewModel model, Node headerActions, Runnable onJoin) {
        this.model = model;
        this.onJoin = onJoin;
        root.getStyleClass().add("sign-in");
        Node brand = brandPanel();
        Node form = formSide(headerActions);
        HBox.setHgrow(form, Priority.ALWAYS);
        root.getChildren().addAll(brand, form);
        brand.visibleProperty().bind(root.widthProperty().greaterThanOrEqualTo(BRAND_PANEL_MIN_WINDOW_WIDTH));
        brand.managedProperty().bind(brand.visibleProperty());
    }

    public Parent root() {
        return root;
    }

    /** Puts the caret where typing is needed first. Call once the view is in a showing window. */
    public void focusFirstEmptyField() {
        if (serverUrlField.getText() == null || serverUrlField.getText().isBlank()) {
            serverUrlField.requestFocus();
        } else if (emailField.getText() == null || emailField.getText().isBlank()) {
            emailField.requestFocus();
        } else {
            passwordField.requestFocus();
        }
    }

    /** The brand side, shared with the join screen. */
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

    private Node formSide(Node headerActions) {
        HBox header = new HBox(new Spacer(), headerActions);
        header.getStyleClass().add("form-header");

        Label title = new Label("Sign in");
        title.getStyleClass().add(Styles.TITLE_2);
        Label subtitle = new Label("Use the account your administrator set up for you.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        VBox heading = new VBox(6, title, subtitle);

        serverUrlField.setId("serverUrlField");
        serverUrlField.setPromptText("https://orqestra.example.com");
        emailField.setId("emailField");
        emailField.setPromptText("you@company.com");
        passwordField.setId("passwordField");
        serverUrlField.textProperty().bindBidirectional(model.serverUrlProperty());
        emailField.textProperty().bindBidirectional(model.emailProperty());
        passwordField.textProperty().bindBidirectional(model.passwordProperty());

        VBox fields = new VBox(10,
                field("Server address", serverUrlField, Field.SERVER_URL, model.serverUrlErrorProperty(), "serverUrlError"),
                field("Email", emailField, Field.EMAIL, model.emailErrorProperty(), "emailError"),
                field("Password", passwordField, Field.PASSWORD, model.passwordErrorProperty(), "passwordError"));

        Message failure = new Message();
        failure.setId("signInFailure");
        failure.getStyleClass().add(Styles.DANGER);
        failure.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        failure.titleProperty().bind(model.failureTitleProperty());
        failure.descriptionProperty().bind(model.failureMessageProperty());
        failure.visibleProperty().bind(model.failedProperty());
        failure.managedProperty().bind(failure.visibleProperty());
        failure.setOnClose(event -> model.clearFailure());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("button-spinner");
        Button signIn = new Button();
        signIn.setId("signInButton");
        signIn.setDefaultButton(true);
        signIn.setMaxWidth(Double.MAX_VALUE);
        signIn.getStyleClass().addAll(Styles.ACCENT, "sign-in-button");
        signIn.textProperty().bind(model.signInLabelProperty());
        signIn.graphicProperty().bind(Bindings.when(model.busyProperty()).then((Node) spinner).otherwise((Node) null));
        signIn.disableProperty().bind(model.signInDisabledProperty());
        signIn.setOnAction(event -> model.signIn());

        Message notice = new Message();
        notice.setId("signInNotice");
        notice.getStyleClass().add(Styles.ACCENT);
        notice.setGraphic(new FontIcon(Feather.INFO));
        notice.descriptionProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty().and(model.failedProperty().not()));
        notice.managedProperty().bind(notice.visibleProperty());

        Label help = new Label("Forgot your password? Your administrator can send you a new one.");
        help.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        help.setWrapText(true);

        Hyperlink join = new Hyperlink("Have an invitation code? Join your team");
        join.setId("joinLink");
        join.setOnAction(event -> onJoin.run());
        join.setPadding(Insets.EMPTY);

        VBox form = new VBox(20, heading, notice, fields, failure, signIn, new VBox(8, join, help));
        form.getStyleClass().add("sign-in-form");
        form.setMaxWidth(400);
        form.setMaxHeight(Region.USE_PREF_SIZE);
        form.setFillWidth(true);

        StackPane centre = new StackPane(form);
        centre.getStyleClass().add("form-centre");
        StackPane.setAlignment(form, Pos.CENTER);

        BorderPane side = new BorderPane(centre);
        side.setTop(header);
        side.getStyleClass().add("form-side");
        return side;
    }

    private Node field(String labelText, TextInputControl input, Field field, ReadOnlyStringProperty error, String errorId) {
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
                model.leave(field);
            }
        });
        error.addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        input.pseudoClassStateChanged(Styles.STATE_DANGER, !error.get().isEmpty());

        VBox block = new VBox(6, label, input, message);
        VBox.setMargin(message, new Insets(-2, 0, 0, 0));
        block.getStyleClass().add("field");
        return block;
    }
}
