package id.orqestra.desktop.app;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;

import java.util.Locale;

/** The app's two looks, each an AtlantaFX theme. */
public enum Theme {
    LIGHT(new PrimerLight()),
    DARK(new PrimerDark());

    private final atlantafx.base.theme.Theme atlantaTheme;

    Theme(atlantafx.base.theme.Theme atlantaTheme) {
        this.atlantaTheme = atlantaTheme;
    }

    public String userAgentStylesheet() {
        return atlantaTheme.getUserAgentStylesheet();
    }

    public Theme opposite() {
        return this == LIGHT ? DARK : LIGHT;
    }

    /** The word stored in the settings file. */
    public String settingValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Reads {@link #settingValue()}; anything unknown or missing is {@link #LIGHT}. */
    public static Theme fromSettingValue(String value) {
        return value != null && value.strip().equalsIgnoreCase("dark") ? DARK : LIGHT;
    }
}
