package id.orqestra.desktop.auth;

import atlantafx.base.controls.Message;
import id.orqestra.desktop.viewmodel.FormField;
import id.orqestra.model.tenant.PasswordRule;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

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
        AuthForm.layOut(root, formSide(headerActions, onBack));
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
        VBox heading = AuthForm.heading("Join your team",
                "Enter the invitation code your administrator gave you and choose your password.");

        serverUrlField.setId("joinServerUrlField");
        serverUrlField.setPromptText("https://orqestra.example.com");
        codeField.setId("invitationCodeField");
        nameField.setId("joinNameField");
        nameField.setPromptText("Your name as colleagues will see it");
        passwordField.setId("joinPasswordField");
        passwordField.setPromptText("At least " + PasswordRule.MIN_LENGTH + " characters");

        VBox fields = new VBox(10,
                field("Server address", serverUrlField, model.serverUrl()),
                field("Invitation code", codeField, model.code()),
                field("Your name", nameField, model.name()),
                field("New password", passwordField, model.password()));

        Message failure = AuthForm.failure("joinFailure", model.failureTitleProperty(), model.failureProperty(),
                model.failureProperty().isNotEmpty());

        Button join = AuthForm.primaryButton("joinButton", model.busyProperty(), model::join);
        join.textProperty().bind(Bindings.when(model.busyProperty()).then("Joining…").otherwise("Join and sign in"));
        join.disableProperty().bind(model.busyProperty());

        Hyperlink back = new Hyperlink("Back to sign in");
        back.setId("backToSignInLink");
        back.setPadding(Insets.EMPTY);
        back.setOnAction(event -> onBack.run());

        return AuthForm.side(headerActions, new VBox(20, heading, fields, failure, join, back));
    }

    private static Node field(String labelText, TextInputControl input, FormField field) {
        input.textProperty().bindBidirectional(field.valueProperty());
        return AuthForm.field(labelText, input, field.errorProperty(), null, field::leave);
    }
}
