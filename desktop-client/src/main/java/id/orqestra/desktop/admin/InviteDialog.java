package id.orqestra.desktop.admin;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import id.orqestra.model.tenant.RoleView;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The invite dialog: the form, and after it the one-time code with a copy button. */
final class InviteDialog {

    private final InviteViewModel model;
    private final Dialogs dialogs;

    InviteDialog(InviteViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
    }

    void show() {
        Node form = form();
        Node done = done();
        form.visibleProperty().bind(model.doneProperty().not());
        form.managedProperty().bind(form.visibleProperty());
        done.visibleProperty().bind(model.doneProperty());
        done.managedProperty().bind(done.visibleProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("inviteCancel");
        cancel.setOnAction(event -> dialogs.close());
        cancel.visibleProperty().bind(model.doneProperty().not());
        cancel.managedProperty().bind(cancel.visibleProperty());

        Button send = new Button();
        send.setId("inviteSend");
        send.getStyleClass().add(Styles.ACCENT);
        send.textProperty().bind(Bindings.when(model.busyProperty()).then("Inviting…").otherwise("Create invitation"));
        send.disableProperty().bind(model.busyProperty());
        send.setDefaultButton(true);
        send.setOnAction(event -> model.submit());
        send.visibleProperty().bind(model.doneProperty().not());
        send.managedProperty().bind(send.visibleProperty());

        Button close = new Button("Done");
        close.setId("inviteDone");
        close.getStyleClass().add(Styles.ACCENT);
        close.setOnAction(event -> dialogs.close());
        close.visibleProperty().bind(model.doneProperty());
        close.managedProperty().bind(close.visibleProperty());

        dialogs.show(Dialogs.card("inviteDialog", "Invite a team member", 540, new StackPane(form, done),
                cancel, send, close));
    }

    private Node form() {
        TextField email = new TextField();
        email.setId("inviteEmail");
        email.setPromptText("name@company.com");
        TextField name = new TextField();
        name.setId("inviteName");
        name.setPromptText("As colleagues will see it (optional)");

        Label roleLabel = new Label("Role");
        roleLabel.getStyleClass().add("field-label");
        ComboBox<RoleView> role = TeamView.roleBox(model.roles());
        role.setId("inviteRole");
        role.valueProperty().bindBidirectional(model.roleProperty());
        Label roleError = new Label();
        roleError.getStyleClass().add("field-error");
        roleError.textProperty().bind(model.roleErrorProperty());
        VBox roleBlock = new VBox(5, roleLabel, role, roleError);

        Message error = new Message();
        error.setId("inviteError");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.descriptionProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        return new VBox(8,
                AdminUi.formField("Email", email, model.email(), null),
                AdminUi.formField("Name", name, model.name(), null),
                roleBlock,
                error);
    }

    private Node done() {
        FontIcon check = new FontIcon(Feather.CHECK_CIRCLE);
        check.getStyleClass().add("success-icon");
        Label title = new Label("Invitation created");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        HBox heading = new HBox(8, check, title);
        heading.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("invitationMessage");
        message.setWrapText(true);
        message.textProperty().bind(model.invitationMessageProperty());

        TextField code = new TextField();
        code.setId("invitationCode");
        code.setEditable(false);
        code.getStyleClass().add("code-field");
        code.textProperty().bind(Bindings.createStringBinding(model::invitationCode, model.invitationProperty()));
        HBox.setHgrow(code, Priority.ALWAYS);

        Button copy = new Button("Copy", new FontIcon(Feather.COPY));
        copy.setId("copyInvitationCode");
        copy.setOnAction(event -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(model.invitationCode());
            Clipboard.getSystemClipboard().setContent(content);
            copy.setText("Copied");
            copy.setGraphic(new FontIcon(Feather.CHECK));
            PauseTransition back = new PauseTransition(Duration.seconds(2));
            back.setOnFinished(done -> {
                copy.setText("Copy");
                copy.setGraphic(new FontIcon(Feather.COPY));
            });
            back.play();
        });
        HBox codeRow = new HBox(8, code, copy);
        codeRow.setAlignment(Pos.CENTER_LEFT);

        Label once = new Label("The code is shown only this once: copy it now.");
        once.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        once.setWrapText(true);
        return new VBox(12, heading, message, codeRow, once);
    }
}
