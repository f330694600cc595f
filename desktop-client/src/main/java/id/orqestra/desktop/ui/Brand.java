package id.orqestra.desktop.ui;

import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.text.Font;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** The product's name, words and pictures, shared by every screen. */
public final class Brand {

    public static final String PRODUCT_NAME = "Orqestra";
    public static final String TAGLINE = "Every WhatsApp and Instagram conversation in one shared inbox.";

    /** The sizes drawn for the app icon; windows and task bars pick the one that fits. */
    static final int[] ICON_SIZES = {16, 24, 32, 48, 64, 128, 256};
    private static final List<String> FONT_FACES = List.of("Regular", "SemiBold", "Bold");
    private static final Logger log = LoggerFactory.getLogger(Brand.class);

    private Brand() {
    }

    /** The app icon in every size, for {@code Stage.getIcons()}. */
    public static List<Image> windowIcons() {
        return Arrays.stream(ICON_SIZES).mapToObj(Brand::icon).toList();
    }

    /** The logo mark at {@code size} pixels, drawn from a larger bitmap so it stays sharp on high-density screens. */
    public static ImageView logoMark(double size) {
        int source = Arrays.stream(ICON_SIZES).filter(s -> s >= size * 2).findFirst().orElse(256);
        ImageView view = new ImageView(icon(source));
        view.setFitWidth(size);
        view.setFitHeight(size);
        view.setSmooth(true);
        view.setPreserveRatio(true);
        view.getStyleClass().add("logo-mark");
        return view;
    }

    /**
     * Loads the bundled Inter typeface so the app reads the same on every system (the stylesheet
     * asks for it). Safe to call more than once; a font that fails to load falls back to the system's.
     */
    public static void loadFonts() {
        for (String face : FONT_FACES) {
            String name = "fonts/Inter-" + face + ".otf";
            try (InputStream in = Brand.class.getResourceAsStream(name)) {
                if (in == null || Font.loadFont(in, 14) == null) {
                    log.warn("Could not load the font {}; the system font is used instead", name);
                }
            } catch (IOException e) {
                log.warn("Could not read the font {}", name, e);
            }
        }
    }

    /** The app's own stylesheet, added on top of the AtlantaFX theme. */
    public static String stylesheet() {
        return Objects.requireNonNull(Brand.class.getResource("orqestra.css"), "orqestra.css").toExternalForm();
    }

    private static Image icon(int size) {
        String name = "icons/orqestra-" + size + ".png";
        try (InputStream in = Brand.class.getResourceAsStream(name)) {
            return new Image(Objects.requireNonNull(in, name));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the icon " + name, e);
        }
    }
}
