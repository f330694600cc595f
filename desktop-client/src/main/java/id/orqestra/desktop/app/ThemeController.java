package id.orqestra.desktop.app;

import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

import java.util.Objects;
import java.util.function.Consumer;

/** The current theme, with commands to change it; whoever needs to know (stylesheet, settings) listens. */
public final class ThemeController {

    private final ReadOnlyObjectWrapper<Theme> theme;

    public ThemeController(Theme initial, Consumer<Theme> onChange) {
        this.theme = new ReadOnlyObjectWrapper<>(this, "theme", Objects.requireNonNull(initial));
        Objects.requireNonNull(onChange);
        theme.addListener((obs, old, now) -> onChange.accept(now));
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    public void use(Theme newTheme) {
        theme.set(Objects.requireNonNull(newTheme));
    }

    public void toggle() {
        use(theme.get().opposite());
    }

    /** Makes {@code theme} the look of every window of this application. Call on the FX thread. */
    public static void applyToApplication(Theme theme) {
        Application.setUserAgentStylesheet(theme.userAgentStylesheet());
    }
}
