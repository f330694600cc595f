package id.orqestra.desktop.auth;

import id.orqestra.desktop.viewmodel.FormField;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.PasswordRule;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;

/**
 * Joining a team with the one-time invitation code an admin passed on: server, code, name and a new
 * password; on success the person is signed in. The rules are the server's.
 */
public final class JoinViewModel {

    static final int MAX_NAME = 120;

    private static final Logger log = LoggerFactory.getLogger(JoinViewModel.class);

    private final AuthClient authClient;
    private final Executor background;
    private final Executor ui;
    private final Consumer<SignedIn> onSignedIn;

    private final FormField serverUrl = new FormField(ServerAddress::problemWith);
    private final FormField code = new FormField(text -> text.isEmpty()
            ? Optional.of("Paste the invitation code your administrator gave you.") : Optional.empty());
    private final FormField name = new FormField(text -> text.isEmpty() || text.length() > MAX_NAME
            ? Optional.of("Enter your name (up to " + MAX_NAME + " characters).") : Optional.empty());
    private final FormField password = new FormField(JoinViewModel::passwordProblem);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyStringWrapper failureTitle = new ReadOnlyStringWrapper(this, "failureTitle", "");
    private final ReadOnlyStringWrapper failure = new ReadOnlyStringWrapper(this, "failure", "");

    public JoinViewModel(AuthClient authClient, Executor background, Executor ui, Consumer<SignedIn> onSignedIn) {
        this.authClient = Objects.requireNonNull(authClient);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.onSignedIn = Objects.requireNonNull(onSignedIn);
    }

    public StringProperty serverUrlProperty() {
        return serverUrl.valueProperty();
    }

    public FormField serverUrl() {
        return serverUrl;
    }

    public FormField code() {
        return code;
    }

    public FormField name() {
        return name;
    }

    /** Sent as typed; the length rule is the server's. */
    public FormField password() {
        return password;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureTitleProperty() {
        return failureTitle.getReadOnlyProperty();
    }

    /** Why joining did not work; empty when it has not failed. */
    public ReadOnlyStringProperty failureProperty() {
        return failure.getReadOnlyProperty();
    }

    public void join() {
        if (busy.get()) {
            return;
        }
        boolean fine = serverUrl.check() & code.check() & name.check() & password.check();
        if (!fine) {
            return;
        }
        ServerAddress server = ServerAddress.parse(serverUrl.text());
        String codeValue = code.text();
        String nameValue = name.text();
        String passwordValue = Objects.requireNonNullElse(password.valueProperty().get(), "");
        failure.set("");
        busy.set(true);
        try {
            background.execute(() -> {
                try {
                    Session session = authClient.acceptInvitation(server, codeValue, nameValue, passwordValue);
                    ui.execute(() -> {
                        busy.set(false);
                        password.set("");
                        onSignedIn.accept(new SignedIn(server, session.user().email(), session));
                    });
                } catch (SignInException e) {
                    ui.execute(() -> fail(e.reason() == SignInException.Reason.REJECTED ? "Couldn't join" : e.title(),
                            e.getMessage()));
                } catch (RuntimeException e) {
                    log.error("Joining at {} failed unexpectedly", server, e);
                    ui.execute(() -> fail("Something went wrong", "Orqestra could not finish joining because of an "
                            + "internal error. Try again; if it keeps happening, tell your administrator."));
                }
            });
        } catch (RejectedExecutionException e) {
            log.error("Could not start joining", e);
            fail("Something went wrong", "Orqestra could not start joining. Try again.");
        }
    }

    private void fail(String title, String sentence) {
        busy.set(false);
        failureTitle.set(title);
        failure.set(sentence);
    }

    static Optional<String> passwordProblem(String stripped) {
        return PasswordRule.problem(stripped, null);
    }
}
