package id.orqestra.desktop.app;

import atlantafx.base.theme.Styles;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The round sun/moon button that switches between the light and the dark theme. */
final class ThemeToggle {

    private ThemeToggle() {
    }

    static Button create(ThemeController controller) {
        FontIcon icon = new FontIcon();
        icon.iconCodeProperty().bind(Bindings.createObjectBinding(
                () -> controller.theme() == Theme.DARK ? Feather.SUN : Feather.MOON, controller.themeProperty()));
        Button button = new Button(null, icon);
        button.setId("themeToggle");
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "theme-toggle");
        button.setFocusTraversable(false);
        Tooltip tooltip = new Tooltip();
        tooltip.textProperty().bind(Bindings.createStringBinding(
                () -> controller.theme() == Theme.DARK ? "Switch to the light theme" : "Switch to the dark theme",
                controller.themeProperty()));
        button.setTooltip(tooltip);
        button.accessibleTextProperty().bind(tooltip.textProperty());
        button.setOnAction(event -> controller.toggle());
        return button;
    }
}
