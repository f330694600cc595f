package id.orqestra.desktop.auth;

import id.orqestra.model.auth.Session;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * State and commands of the sign-in screen. The view binds to the properties and calls the
 * commands; the request itself runs on {@code background} and its outcome is applied on {@code ui}
 * (the FX thread in the app, the calling thread in tests).
 *
 * <p>Inline messages follow the usual form manners: a field is checked once the person has left it
 * (or tried to sign in, or it came prefilled), and from then on as they type.
 */
public final class SignInViewModel {

    /** The inputs of the form, for {@link #leave(Field)}. */
    public enum Field { SERVER_URL, EMAIL, PASSWORD }

    static final String SIGN_IN = "Sign in";
    static final String SIGNING_IN = "Signing in…";

    private static final Logger log = LoggerFactory.getLogger(SignInViewModel.class);
    private static final Pattern EMAIL_SHAPE = Pattern.compile("[^\\s@]+@[^\\s@]+");

    private final AuthClient authClient;
    private final Executor background;
    private final Executor ui;
    private final Consumer<SignedIn> onSignedIn;

    private final StringProperty serverUrl = new SimpleStringProperty(this, "serverUrl", "");
    private final StringProperty email = new SimpleStringProperty(this, "email", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");

    private final ReadOnlyStringWrapper serverUrlError = new ReadOnlyStringWrapper(this, "serverUrlError", "");
    private final ReadOnlyStringWrapper emailError = new ReadOnlyStringWrapper(this, "emailError", "");
    private final ReadOnlyStringWrapper passwordError = new ReadOnlyStringWrapper(this, "passwordError", "");

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy", false);
    private final ReadOnlyBooleanWrapper signInDisabled = new ReadOnlyBooleanWrapper(this, "signInDisabled");
    private final ReadOnlyStringWrapper signInLabel = new ReadOnlyStringWrapper(this, "signInLabel", SIGN_IN);

    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper(this, "failed", false);
    private final ReadOnlyStringWrapper failureTitle = new ReadOnlyStringWrapper(this, "failureTitle", "");
    private final ReadOnlyStringWrapper failureMessage = new ReadOnlyStringWrapper(this, "failureMessage", "");

    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");

    private final Set<Field> checked = EnumSet.noneOf(Field.class);

    public SignInViewModel(AuthClient authClient, Executor background, Executor ui, Consumer<SignedIn> onSignedIn) {
        this.authClient = Objects.requireNonNull(authClient);
        this.background = Objects.requireNonNull(background);
        this.ui = Objects.requireNonNull(ui);
        this.onSignedIn = Objects.requireNonNull(onSignedIn);

        signInDisabled.bind(Bindings.createBooleanBinding(
                () -> busy.get() || isBlank(serverUrl.get()) || isBlank(email.get()) || text(password).isEmpty(),
                busy, serverUrl, email, password));
        signInLabel.bind(Bindings.when(busy).then(SIGNING_IN).otherwise(SIGN_IN));
        serverUrl.addListener((obs, old, now) -> refreshMessages());
        email.addListener((obs, old, now) -> refreshMessages());
        password.addListener((obs, old, now) -> refreshMessages());
    }

    // ---- inputs (read-write, bound bidirectionally by the view)

    public StringProperty serverUrlProperty() {
        return serverUrl;
    }

    public StringProperty emailProperty() {
        return email;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    // ---- inline messages, empty when there is nothing to say

    public ReadOnlyStringProperty serverUrlErrorProperty() {
        return serverUrlError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty emailErrorProperty() {
        return emailError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty passwordErrorProperty() {
        return passwordError.getReadOnlyProperty();
    }

    // ---- the request

    /** True while a sign-in request runs. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True while a field is empty or a request runs. */
    public ReadOnlyBooleanProperty signInDisabledProperty() {
        return signInDisabled.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty signInLabelProperty() {
        return signInLabel.getReadOnlyProperty();
    }

    /** True while the last attempt's failure is shown. */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureTitleProperty() {
        return failureTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty failureMessageProperty() {
        return failureMessage.getReadOnlyProperty();
    }

    /**
     * A calm sentence about why the form is shown (say, a stored sign-in that has ended); empty when
     * there is nothing to say. It goes away with the next attempt.
     */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    // ---- commands

    public void showNotice(String sentence) {
        notice.set(Objects.requireNonNullElse(sentence, ""));
    }

    /** Fills the form from remembered or configured values; a filled-in field is checked at once. */
    public void prefill(String serverUrlText, String emailText) {
        serverUrl.set(Objects.requireNonNullElse(serverUrlText, ""));
        email.set(Objects.requireNonNullElse(emailText, ""));
        if (!isBlank(serverUrl.get())) {
            checked.add(Field.SERVER_URL);
        }
        if (!isBlank(email.get())) {
            checked.add(Field.EMAIL);
        }
        refreshMessages();
    }

    /** The person left {@code field}: from now on it shows what is wrong with it. */
    public void leave(Field field) {
        checked.add(field);
        refreshMessages();
    }

    /** Checks every field and, when all are fine, starts the request. Does nothing while one runs. */
    public void signIn() {
        if (busy.get()) {
            return;
        }
        checked.addAll(EnumSet.allOf(Field.class));
        refreshMessages();
        if (serverUrlProblem().isPresent() || emailProblem().isPresent() || passwordProblem().isPresent()) {
            return;
        }
        ServerAddress server = ServerAddress.parse(text(serverUrl));
        String emailValue = text(email).strip();
        String passwordValue = text(password);
        clearFailure();
        notice.set("");
        busy.set(true);
        try {
            background.execute(() -> attempt(server, emailValue, passwordValue));
        } catch (RejectedExecutionException e) {
            log.error("Could not start the sign-in request", e);
            finishWithFailure("Something went wrong", internalErrorSentence());
        }
    }

    /** Hides the failure message. */
    public void clearFailure() {
        failed.set(false);
        failureTitle.set("");
        failureMessage.set("");
    }

    // ---- internals

    private void attempt(ServerAddress server, String emailValue, String passwordValue) {
        try {
            Session session = authClient.signIn(server, emailValue, passwordValue);
            ui.execute(() -> finishWithSession(new SignedIn(server, emailValue, session)));
        } catch (SignInException e) {
            ui.execute(() -> finishWithFailure(e.title(), e.getMessage()));
        } catch (RuntimeException e) {
            // a bug of ours: the log gets the details, the screen gets a sentence
            log.error("Sign-in at {} failed unexpectedly", server, e);
            ui.execute(() -> finishWithFailure("Something went wrong", internalErrorSentence()));
        }
    }

    private void finishWithSession(SignedIn signedIn) {
        busy.set(false);
        password.set("");
        checked.remove(Field.PASSWORD);
        refreshMessages();
        onSignedIn.accept(signedIn);
    }

    private void finishWithFailure(String title, String message) {
        busy.set(false);
        failureTitle.set(title);
        failureMessage.set(message);
        failed.set(true);
    }

    private void refreshMessages() {
        serverUrlError.set(messageFor(Field.SERVER_URL, serverUrlProblem()));
        emailError.set(messageFor(Field.EMAIL, emailProblem()));
        passwordError.set(messageFor(Field.PASSWORD, passwordProblem()));
    }

    private String messageFor(Field field, Optional<String> problem) {
        return checked.contains(field) ? problem.orElse("") : "";
    }

    private Optional<String> serverUrlProblem() {
        return ServerAddress.problemWith(text(serverUrl));
    }

    private Optional<String> emailProblem() {
        String value = text(email).strip();
        if (value.isEmpty()) {
            return Optional.of("Enter your email address.");
        }
        if (!EMAIL_SHAPE.matcher(value).matches()) {
            return Optional.of("Enter an email address like name@company.com.");
        }
        return Optional.empty();
    }

    private Optional<String> passwordProblem() {
        return text(password).isEmpty() ? Optional.of("Enter your password.") : Optional.empty();
    }

    private static String internalErrorSentence() {
        return "Orqestra could not finish signing in because of an internal error. "
                + "Try again; if it keeps happening, tell your administrator.";
    }

    private static String text(StringProperty property) {
        return Objects.requireNonNullElse(property.get(), "");
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
