package id.orqestra.desktop.admin;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.viewmodel.AsyncRunner;
import id.orqestra.desktop.viewmodel.FormField;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.channel.ChannelRules;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The form that connects a WhatsApp number or an Instagram account. Fields are checked as the server
 * would check them; what only the server knows (a number connected elsewhere) comes back as its
 * sentence, shown at the field it concerns.
 */
public abstract sealed class ConnectChannelViewModel
        permits ConnectChannelViewModel.WhatsApp, ConnectChannelViewModel.Instagram {

    final AdminApi api;
    final AsyncRunner runner;
    private final Consumer<ChannelView> onConnected;

    private final FormField name = new FormField(ChannelRules::nameProblem);
    private final FormField accessToken = new FormField(ChannelRules::accessTokenProblem);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper(this, "connected", false);

    ConnectChannelViewModel(AdminApi api, AsyncRunner runner, Consumer<ChannelView> onConnected) {
        this.api = Objects.requireNonNull(api);
        this.runner = Objects.requireNonNull(runner);
        this.onConnected = Objects.requireNonNull(onConnected);
    }

    public abstract Platform platform();

    public abstract String title();

    /** Optional; the server names the channel after its number or username when left empty. */
    public FormField name() {
        return name;
    }

    public FormField accessToken() {
        return accessToken;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** A failure that belongs to no single field; empty when there is none. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True once the channel exists; the dialog closes. */
    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    abstract List<FormField> platformFields();

    abstract ChannelView send() throws ApiException;

    /** The field a server sentence is about, judged by the words the server uses; null for none. */
    abstract FormField fieldFor(String sentence);

    public void submit() {
        if (busy.get() || connected.get()) {
            return;
        }
        boolean fine = name.check();
        for (FormField field : platformFields()) {
            fine &= field.check();
        }
        fine &= accessToken.check();
        if (!fine) {
            return;
        }
        busy.set(true);
        error.set("");
        runner.run(this::send, channel -> {
            busy.set(false);
            connected.set(true);
            onConnected.accept(channel);
        }, failure -> {
            busy.set(false);
            FormField field = failure.kind() == ApiException.Kind.INVALID || failure.kind() == ApiException.Kind.CONFLICT
                    ? fieldFor(failure.getMessage()) : null;
            if (field != null) {
                field.reject(failure.getMessage());
            } else {
                error.set(failure.getMessage());
            }
        });
    }

    static String orNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** WhatsApp Cloud API number: business account, phone number id, display number, token. */
    public static final class WhatsApp extends ConnectChannelViewModel {

        private final FormField businessAccountId = new FormField(
                id -> ChannelRules.metaIdProblem(id, ChannelRules.BUSINESS_ACCOUNT_ID));
        private final FormField phoneNumberId = new FormField(
                id -> ChannelRules.metaIdProblem(id, ChannelRules.PHONE_NUMBER_ID));
        private final FormField displayPhoneNumber = new FormField(ChannelRules::displayNumberProblem);

        WhatsApp(AdminApi api, AsyncRunner runner, Consumer<ChannelView> onConnected) {
            super(api, runner, onConnected);
        }

        @Override
        public Platform platform() {
            return Platform.WHATSAPP;
        }

        @Override
        public String title() {
            return "Connect a WhatsApp number";
        }

        public FormField businessAccountId() {
            return businessAccountId;
        }

        public FormField phoneNumberId() {
            return phoneNumberId;
        }

        public FormField displayPhoneNumber() {
            return displayPhoneNumber;
        }

        @Override
        List<FormField> platformFields() {
            return List.of(businessAccountId, phoneNumberId, displayPhoneNumber);
        }

        @Override
        ChannelView send() throws ApiException {
            return api.connectWhatsApp(new ChannelRequests.ConnectWhatsApp(orNull(name().text()),
                    businessAccountId.text(), phoneNumberId.text(), orNull(displayPhoneNumber.text()),
                    accessToken().text()));
        }

        @Override
        FormField fieldFor(String sentence) {
            if (sentence.contains(ChannelRules.BUSINESS_ACCOUNT_ID)) {
                return businessAccountId;
            }
            if (sentence.contains(ChannelRules.PHONE_NUMBER_ID) || sentence.contains("phone number ID")) {
                return phoneNumberId;
            }
            if (sentence.contains("display number")) {
                return displayPhoneNumber;
            }
            if (sentence.contains("access token")) {
                return accessToken();
            }
            return null;
        }
    }

    /** Instagram professional account: account id, username, token. */
    public static final class Instagram extends ConnectChannelViewModel {

        private final FormField accountId = new FormField(
                id -> ChannelRules.metaIdProblem(id, ChannelRules.INSTAGRAM_ACCOUNT_ID));
        private final FormField username = new FormField(ChannelRules::usernameProblem);

        Instagram(AdminApi api, AsyncRunner runner, Consumer<ChannelView> onConnected) {
            super(api, runner, onConnected);
        }

        @Override
        public Platform platform() {
            return Platform.INSTAGRAM;
        }

        @Override
        public String title() {
            return "Connect an Instagram account";
        }

        public FormField accountId() {
            return accountId;
        }

        public FormField username() {
            return username;
        }

        @Override
        List<FormField> platformFields() {
            return List.of(accountId, username);
        }

        @Override
        ChannelView send() throws ApiException {
            return api.connectInstagram(new ChannelRequests.ConnectInstagram(orNull(name().text()), accountId.text(),
                    orNull(ChannelRules.withoutAt(username.text())), accessToken().text()));
        }

        @Override
        FormField fieldFor(String sentence) {
            if (sentence.contains(ChannelRules.INSTAGRAM_ACCOUNT_ID) || sentence.contains("Instagram account (")) {
                return accountId;
            }
            if (sentence.contains("usernames")) {
                return username;
            }
            if (sentence.contains("access token")) {
                return accessToken();
            }
            return null;
        }
    }
}
