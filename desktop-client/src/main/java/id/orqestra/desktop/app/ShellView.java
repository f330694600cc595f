package id.orqestra.desktop.app;

import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.desktop.ui.Brand;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.Separator;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The main window after sign-in: a top bar (organization, user, sign out), a navigation rail and a
 * content area. A section that is built shows its view; the others say what they will hold.
 */
public final class ShellView {

    private final ShellViewModel model;
    private final BorderPane root = new BorderPane();
    private final Map<Section, Supplier<Node>> sectionViews;
    private final Map<Section, Node> created = new EnumMap<>(Section.class);
    private Node placeholder;

    /** {@code sectionViews} builds the view of each finished section, once, when it is first opened. */
    public ShellView(ShellViewModel model, Node themeToggle, Map<Section, Supplier<Node>> sectionViews) {
        this.model = model;
        this.sectionViews = Map.copyOf(sectionViews);
        root.getStyleClass().add("shell");
        root.setTop(topBar(themeToggle));
        root.setLeft(navigationRail());
        root.setBottom(statusBar());
        showSection(model.selectedSectionProperty().get());
        model.selectedSectionProperty().addListener((obs, old, now) -> showSection(now));
    }

    private void showSection(Section section) {
        Supplier<Node> builder = sectionViews.get(section);
        if (builder == null) {
            if (placeholder == null) {
                placeholder = placeholder();
            }
            root.setCenter(placeholder);
        } else {
            root.setCenter(created.computeIfAbsent(section, s -> builder.get()));
        }
    }

    public Parent root() {
        return root;
    }

    private Node topBar(Node themeToggle) {
        Label product = new Label(Brand.PRODUCT_NAME);
        product.getStyleClass().add("top-bar-product");

        Label organization = new Label();
        organization.setId("organizationName");
        organization.getStyleClass().add("top-bar-organization");
        organization.textProperty().bind(model.organizationNameProperty());

        Label initials = new Label();
        initials.getStyleClass().add("avatar");
        initials.textProperty().bind(model.userInitialsProperty());

        Label name = new Label();
        name.setId("userName");
        name.getStyleClass().add(Styles.TEXT_BOLD);
        name.textProperty().bind(model.userNameProperty());
        Label role = new Label();
        role.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        role.textProperty().bind(model.userRoleProperty());
        VBox who = new VBox(name, role);
        who.setAlignment(Pos.CENTER_LEFT);

        Button signOut = new Button("Sign out", new FontIcon(Feather.LOG_OUT));
        signOut.setId("signOutButton");
        signOut.getStyleClass().add(Styles.FLAT);
        signOut.setOnAction(event -> model.signOut());

        HBox bar = new HBox(10, Brand.logoMark(26), product, new Separator(Orientation.VERTICAL), organization,
                new Spacer(), themeToggle, new Separator(Orientation.VERTICAL), initials, who, signOut);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("top-bar");
        return bar;
    }

    private Node navigationRail() {
        ToggleGroup group = new ToggleGroup();
        VBox rail = new VBox(4);
        rail.getStyleClass().add("nav-rail");
        for (Section section : model.sections()) {
            ToggleButton item = new ToggleButton(section.label(), new FontIcon(iconOf(section)));
            item.setId("nav-" + section.name().toLowerCase(java.util.Locale.ROOT));
            item.getStyleClass().add("nav-item");
            item.setContentDisplay(ContentDisplay.TOP);
            item.setMaxWidth(Double.MAX_VALUE);
            item.setToggleGroup(group);
            item.setUserData(section);
            item.setSelected(section == model.selectedSectionProperty().get());
            if (section == Section.INBOX) {
                // unread customer messages, on the rail like a mail app's count
                Label badge = new Label();
                badge.setId("inboxRailBadge");
                badge.getStyleClass().add("rail-badge");
                badge.textProperty().bind(model.inboxUnreadProperty().map(n -> n.intValue() > 99 ? "99+" : n.toString()));
                badge.visibleProperty().bind(model.inboxUnreadProperty().greaterThan(0));
                badge.setMouseTransparent(true);
                StackPane.setAlignment(badge, Pos.TOP_RIGHT);
                rail.getChildren().add(new StackPane(item, badge));
                continue;
            }
            rail.getChildren().add(item);
        }
        group.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true); // the rail always shows where you are
            } else {
                model.select((Section) now.getUserData());
            }
        });
        return rail;
    }

    private Node placeholder() {
        FontIcon icon = new FontIcon();
        icon.iconCodeProperty().bind(model.selectedSectionProperty().map(ShellView::iconOf));
        StackPane badge = new StackPane(icon);
        badge.getStyleClass().add("placeholder-icon");

        Label title = new Label();
        title.setId("placeholderTitle");
        title.getStyleClass().add(Styles.TITLE_3);
        title.textProperty().bind(model.placeholderTitleProperty());

        Label text = new Label();
        text.getStyleClass().add(Styles.TEXT_MUTED);
        text.setWrapText(true);
        text.setTextAlignment(TextAlignment.CENTER);
        text.setMaxWidth(440);
        text.textProperty().bind(model.placeholderTextProperty());

        VBox content = new VBox(14, badge, title, text);
        content.setAlignment(Pos.CENTER);
        content.getStyleClass().add("placeholder");
        return content;
    }

    private Node statusBar() {
        FontIcon dot = new FontIcon(Feather.CHECK_CIRCLE);
        dot.getStyleClass().add(Styles.SUCCESS);
        Label summary = new Label();
        summary.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        summary.textProperty().bind(model.connectionSummaryProperty());
        // the inbox's live link: a warning sign and words while offline
        Label link = new Label();
        link.setId("linkIndicator");
        link.getStyleClass().addAll(Styles.TEXT_SMALL, "link-indicator");
        link.textProperty().bind(model.linkSummaryProperty());
        model.offlineProperty().addListener((obs, was, offline) -> {
            dot.setIconCode(offline ? Feather.WIFI_OFF : Feather.CHECK_CIRCLE);
            dot.getStyleClass().setAll("ikonli-font-icon", offline ? Styles.WARNING : Styles.SUCCESS);
            link.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("offline"), offline);
        });
        HBox bar = new HBox(6, dot, summary, new Spacer(), link);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("status-bar");
        return bar;
    }


    private static Ikon iconOf(Section section) {
        return switch (section) {
            case INBOX -> Feather.INBOX;
            case BROADCASTS -> Feather.RADIO;
            case FLOWS -> Feather.SHARE_2;
            case ADMIN -> Feather.SETTINGS;
            case DASHBOARD -> Feather.BAR_CHART_2;
        };
    }
}
