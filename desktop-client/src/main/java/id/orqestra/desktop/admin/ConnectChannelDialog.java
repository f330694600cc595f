package id.orqestra.desktop.admin;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import id.orqestra.model.channel.ChannelRules;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The form that connects a WhatsApp number or an Instagram account. */
final class ConnectChannelDialog {

    private static final double MAX_FORM_HEIGHT = 420;

    private final ConnectChannelViewModel model;
    private final Dialogs dialogs;

    ConnectChannelDialog(ConnectChannelViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
    }

    void show() {
        VBox fields = new VBox(6);
        TextField name = new TextField();
        name.setId("channelName");
        switch (model) {
            case ConnectChannelViewModel.WhatsApp whatsApp -> {
                name.setPromptText("e.g. Support line (optional)");
                TextField businessAccount = new TextField();
                businessAccount.setId("businessAccountId");
                businessAccount.setPromptText("e.g. 102938475610293");
                TextField phoneNumberId = new TextField();
                phoneNumberId.setId("phoneNumberId");
                phoneNumberId.setPromptText("e.g. 109876543210987");
                TextField display = new TextField();
                display.setId("displayPhoneNumber");
                display.setPromptText("+62 812 3456 7890");
                fields.getChildren().addAll(
                        AdminUi.formField("Name", name, model.name(), "How your team sees this number in the inbox."),
                        AdminUi.formField(ChannelRules.BUSINESS_ACCOUNT_ID, businessAccount, whatsApp.businessAccountId(),
                                "In WhatsApp Manager, under Account tools."),
                        AdminUi.formField(ChannelRules.PHONE_NUMBER_ID, phoneNumberId, whatsApp.phoneNumberId(),
                                "In your Meta app, under WhatsApp › API setup. Not the phone number itself."),
                        AdminUi.formField("Display phone number", display, whatsApp.displayPhoneNumber(),
                                "The number as customers see it (optional)."));
            }
            case ConnectChannelViewModel.Instagram instagram -> {
                name.setPromptText("e.g. Shop Instagram (optional)");
                TextField accountId = new TextField();
                accountId.setId("instagramAccountId");
                accountId.setPromptText("e.g. 17841400000000000");
                TextField username = new TextField();
                username.setId("instagramUsername");
                username.setPromptText("@yourshop");
                fields.getChildren().addAll(
                        AdminUi.formField("Name", name, model.name(), "How your team sees this account in the inbox."),
                        AdminUi.formField(ChannelRules.INSTAGRAM_ACCOUNT_ID, accountId, instagram.accountId(),
                                "The professional account's ID from your Meta app (digits)."),
                        AdminUi.formField("Username", username, instagram.username(), "Optional; with or without @."));
            }
        }
        PasswordField token = new PasswordField();
        token.setId("accessToken");
        token.setPromptText("Paste the token");
        fields.getChildren().add(AdminUi.formField("Access token", token, model.accessToken(),
                "A long-lived token from Meta. It is stored encrypted and never shown again."));

        Message error = new Message();
        error.setId("connectError");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.descriptionProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        fields.getChildren().add(error);

        Button cancel = new Button("Cancel");
        cancel.setId("connectCancel");
        cancel.setOnAction(event -> dialogs.close());
        Button connect = new Button();
        connect.setId("connectSubmit");
        connect.getStyleClass().add(Styles.ACCENT);
        connect.setDefaultButton(true);
        connect.textProperty().bind(Bindings.when(model.busyProperty()).then("Connecting…").otherwise("Connect"));
        connect.disableProperty().bind(model.busyProperty());
        connect.setOnAction(event -> model.submit());
        model.connectedProperty().addListener((obs, was, connected) -> {
            if (connected) {
                dialogs.close();
            }
        });

        // the WhatsApp form is the tallest dialog: past a height that fits small windows, it scrolls
        ScrollPane scroller = new ScrollPane(fields);
        scroller.setFitToWidth(true);
        scroller.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.getStyleClass().addAll(Styles.FLAT, "dialog-body");
        scroller.prefViewportHeightProperty().bind(Bindings.min(MAX_FORM_HEIGHT, fields.heightProperty()));
        dialogs.show(Dialogs.card("connectDialog", model.title(), ChannelsView.platformIcon(model.platform(), true), 500,
                scroller, cancel, connect));
    }
}
