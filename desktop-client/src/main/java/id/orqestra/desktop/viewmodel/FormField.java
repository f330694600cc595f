package id.orqestra.desktop.viewmodel;

import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * One text input of a form and its inline message, with the usual manners: nothing is said about a
 * field until the person has left it (or tried to submit), and from then on the message follows
 * what they type.
 */
public final class FormField {

    private final StringProperty value = new SimpleStringProperty(this, "value", "");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final Function<String, Optional<String>> rule;
    private boolean checked;

    /** {@code rule} gets the stripped text and says what is wrong with it, if anything. */
    public FormField(Function<String, Optional<String>> rule) {
        this.rule = Objects.requireNonNull(rule);
        value.addListener((obs, old, now) -> refresh());
    }

    public StringProperty valueProperty() {
        return value;
    }

    /** The inline message, empty when there is nothing to say. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The text without surrounding blanks; never null. */
    public String text() {
        return Objects.requireNonNullElse(value.get(), "").strip();
    }

    public void set(String text) {
        value.set(Objects.requireNonNullElse(text, ""));
    }

    /** The person moved on from this field. */
    public void leave() {
        checked = true;
        refresh();
    }

    /** Shows the message now, as on submit; true when the field is fine. */
    public boolean check() {
        checked = true;
        refresh();
        return problem().isEmpty();
    }

    /** Shows a message that only the server could know (say, a duplicate), until the text changes. */
    public void reject(String sentence) {
        error.set(Objects.requireNonNull(sentence));
    }

    public Optional<String> problem() {
        return rule.apply(text());
    }

    private void refresh() {
        error.set(checked ? problem().orElse("") : "");
    }
}
