package id.orqestra.desktop.auth;

import atlantafx.base.controls.Message;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.viewmodel.FormField;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
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
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The screen for joining with an invitation code: the brand on the left, the form on the right. */
public final class JoinView {

    private final JoinViewModel model;
    private final HBox root = new HBox();
    private final TextField serverUrlField = new TextField();
    private final TextField codeField = new TextField();
    private final TextField nameField = new TextField();
    private final PasswordField passwordField = new PasswordField();

    public JoinView(JoinViewModel model, Node headerActions, Runnable onBack) {
        this.model = model;
        root.getStyleClass().addAll("sign-in", "join");
        Node brand = SignInView.brandPanel();
        Node form = formSide(headerActions, onBack);
        HBox.setHgrow(form, Priority.ALWAYS);
        root.getChildren().addAll(brand, form);
        brand.visibleProperty().bind(root.widthProperty().greaterThanOrEqualTo(820));
        brand.managedProperty().bind(brand.visibleProperty());
    }

    public Parent root() {
        return root;
    }

    public void focusFirstEmptyField() {
        if (serverUrlField.getText() == null || serverUrlField.getText().isBlank()) {
            serverUrlField.requestFocus();
        } else {
            codeField.requestFocus();
        }
    }

    private Node formSide(Node headerActions, Runnable onBack) {
        HBox header = new HBox(new Spacer(), headerActions);
        header.getStyleClass().add("form-header");

        Label title = new Label("Join your team");
        title.getStyleClass().add(Styles.TITLE_2);
        Label subtitle = new Label("Enter the invitation code your administrator gave you and choose your password.");
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        subtitle.setWrapText(true);
        VBox heading = new VBox(6, title, subtitle);

        serverUrlField.setId("joinServerUrlField");
        serverUrlField.setPromptText("https://orqestra.example.com");
        codeField.setId("invitationCodeField");
        nameField.setId("joinNameField");
        nameField.setPromptText("Your name as colleagues will see it");
        passwordField.setId("joinPasswordField");
        passwordField.setPromptText("At least " + JoinViewModel.MIN_PASSWORD + " characters");

        VBox fields = new VBox(10,
                field("Server address", serverUrlField, model.serverUrl()),
                field("Invitation code", codeField, model.code()),
                field("Your name", nameField, model.name()),
                field("New password", passwordField, model.password()));

        Message failure = new Message();
        failure.setId("joinFailure");
        failure.getStyleClass().add(Styles.DANGER);
        failure.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        failure.titleProperty().bind(model.failureTitleProperty());
        failure.descriptionProperty().bind(model.failureProperty());
        failure.visibleProperty().bind(model.failureProperty().isNotEmpty());
        failure.managedProperty().bind(failure.visibleProperty());

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("button-spinner");
        Button join = new Button();
        join.setId("joinButton");
        join.setDefaultButton(true);
        join.setMaxWidth(Double.MAX_VALUE);
        join.getStyleClass().addAll(Styles.ACCENT, "sign-in-button");
        join.textProperty().bind(Bindings.when(model.busyProperty()).then("Joining…").otherwise("Join and sign in"));
        join.graphicProperty().bind(Bindings.when(model.busyProperty()).then((Node) spinner).otherwise((Node) null));
        join.disableProperty().bind(model.busyProperty());
        join.setOnAction(event -> model.join());

        Hyperlink back = new Hyperlink("Back to sign in");
        back.setId("backToSignInLink");
        back.setPadding(Insets.EMPTY);
        back.setOnAction(event -> onBack.run());

        VBox form = new VBox(20, heading, fields, failure, join, back);
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

    private static Node field(String labelText, TextInputControl input, FormField field) {
        Label label = new Label(labelText);
        label.getStyleClass().add("field-label");
        label.setLabelFor(input);
        label.setMnemonicParsing(false);
        input.textProperty().bindBidirectional(field.valueProperty());
        Label message = new Label();
        message.getStyleClass().add("field-error");
        message.setWrapText(true);
        message.textProperty().bind(field.errorProperty());
        input.focusedProperty().addListener((obs, was, is) -> {
            if (was && !is) {
                field.leave();
            }
        });
        field.errorProperty().addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        VBox block = new VBox(6, label, input, message);
        VBox.setMargin(message, new Insets(-2, 0, 0, 0));
        return block;
    }
}
