package id.orqestra.desktop.admin;

import atlantafx.base.controls.ModalPane;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.StackPane;

/**
 * The admin area: a tab per part this person may see (Team, Roles, Channels, Audit log), each loading
 * when opened, with dialogs shown over the area.
 */
public final class AdminView {

    private final StackPane root = new StackPane();

    public AdminView(AdminViewModel model) {
        ModalPane modal = new ModalPane();
        modal.setId("adminModal");
        Dialogs dialogs = new Dialogs(modal);

        TabPane tabs = new TabPane();
        tabs.setId("adminTabs");
        tabs.getStyleClass().add("admin-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        for (AdminViewModel.Tab tab : model.tabs()) {
            Node content = switch (tab) {
                case TEAM -> new TeamView(model.team().orElseThrow(), dialogs).root();
                case ROLES -> new RolesView(model.roles().orElseThrow(), dialogs).root();
                case CHANNELS -> new ChannelsView(model.channels().orElseThrow(), dialogs).root();
                case AUDIT -> new AuditView(model.audit().orElseThrow()).root();
            };
            Tab fxTab = new Tab(tab.label(), content);
            fxTab.setId("adminTab-" + tab.name().toLowerCase(java.util.Locale.ROOT));
            fxTab.setUserData(tab);
            tabs.getTabs().add(fxTab);
        }
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.open((AdminViewModel.Tab) now.getUserData());
            }
        });
        if (!tabs.getTabs().isEmpty()) {
            model.open((AdminViewModel.Tab) tabs.getTabs().get(0).getUserData());
        }
        root.getChildren().addAll(tabs, modal);
        root.getStyleClass().add("admin-area");
        root.getStylesheets().add(java.util.Objects.requireNonNull(AdminView.class.getResource("admin.css"), "admin.css")
                .toExternalForm());
    }

    public Parent root() {
        return root;
    }
}
