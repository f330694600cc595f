package id.orqestra.desktop.auth;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import static id.orqestra.desktop.auth.SignInViewModel.Field;

/**
 * The sign-in screen: the brand on the left, the form on the right. It only lays out, binds to the
 * {@link SignInViewModel} and forwards what the person does to its commands.
 */
public final class SignInView {

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
        AuthForm.layOut(root, formSide(headerActions));
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

    private Node formSide(Node headerActions) {
        VBox heading = AuthForm.heading("Sign in", "Use the account your administrator set up for you.");

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

        Message failure = AuthForm.failure("signInFailure", model.failureTitleProperty(), model.failureMessageProperty(),
                model.failedProperty());
        failure.setOnClose(event -> model.clearFailure());

        Button signIn = AuthForm.primaryButton("signInButton", model.busyProperty(), model::signIn);
        signIn.textProperty().bind(model.signInLabelProperty());
        signIn.disableProperty().bind(model.signInDisabledProperty());

        Message notice = new Message();
        notice.setId("signInNotice");
        notice.getStyleClass().add(Styles.ACCENT);
        notice.setGraphic(new FontIcon(Feather.INFO));
        notice.descriptionProperty().bind(model.noticeProperty());
        notice.visibleProperty().bind(model.noticeProperty().isNotEmpty().and(model.failedProperty().not()));
        notice.managedProperty().bind(notice.visibleProperty());

        // no reset exists yet (email arrives in a later issue): say so rather than promise one
        Label help = new Label("Forgot your password? Orqestra cannot reset passwords yet; ask your administrator.");
        help.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        help.setWrapText(true);

        Hyperlink join = new Hyperlink(JoinLink.TEXT);
        join.setId("joinLink");
        join.setOnAction(event -> onJoin.run());
        join.setPadding(Insets.EMPTY);

        VBox form = new VBox(20, heading, notice, fields, failure, signIn, new VBox(8, join, help));
        form.getStyleClass().add("sign-in-form");
        return AuthForm.side(headerActions, form);
    }

    private Node field(String labelText, TextInputControl input, Field field, ReadOnlyStringProperty error, String errorId) {
        return AuthForm.field(labelText, input, error, errorId, () -> model.leave(field));
    }
}
