package id.orqestra.desktop.admin;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import id.orqestra.desktop.admin.TeamViewModel.Member;
import id.orqestra.desktop.admin.TeamViewModel.Status;
import id.orqestra.model.tenant.RoleView;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The Team tab: members with role and status, and (for those who may) invite, change role, deactivate. */
final class TeamView {

    private final TeamViewModel model;
    private final Dialogs dialogs;
    private final VBox root;

    TeamView(TeamViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;

        Button invite = AdminUi.accentButton("Invite member", Feather.USER_PLUS);
        invite.setId("inviteButton");
        invite.setOnAction(event -> openInvite());
        invite.setVisible(model.canManage());
        invite.setManaged(model.canManage());

        Node header = AdminUi.pageHeader("Team", model.summaryProperty(),
                AdminUi.refreshButton("refreshTeam", model::load, model.loadingProperty()), invite);
        Node error = AdminUi.errorBanner("teamError", model.errorProperty(), model::clearError);

        TableView<Member> table = table();
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(14, header, error, table);
        root.getStyleClass().add("admin-page");
        if (!model.canManage()) {
            Label readOnly = new Label("You can see the team; changing it needs the team.manage permission.");
            readOnly.setId("teamReadOnly");
            readOnly.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            root.getChildren().add(1, readOnly);
        }
    }

    Node root() {
        return root;
    }

    private TableView<Member> table() {
        TableView<Member> table = new TableView<>(model.members());
        table.setId("teamTable");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, "admin-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(AdminUi.tablePlaceholder(model.loadingProperty(), "Loading the team…", "Nobody here yet."));

        TableColumn<Member, Member> name = new TableColumn<>("Name");
        name.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        name.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Member member, boolean empty) {
                super.updateItem(member, empty);
                if (empty || member == null) {
                    setGraphic(null);
                    return;
                }
                Label label = new Label(member.name());
                label.getStyleClass().add(Styles.TEXT_BOLD);
                HBox box = new HBox(10, AdminUi.avatar(AdminUi.initialsOf(member.name())), label);
                if (member.you()) {
                    Label you = new Label("you");
                    you.getStyleClass().addAll("pill", "pill-neutral");
                    box.getChildren().add(you);
                }
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        name.setPrefWidth(240);

        TableColumn<Member, String> email = new TableColumn<>("Email");
        email.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().email()));
        email.setPrefWidth(240);

        TableColumn<Member, String> role = new TableColumn<>("Role");
        role.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().roleName()));
        role.setPrefWidth(130);

        TableColumn<Member, Status> status = new TableColumn<>("Status");
        status.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().status()));
        status.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Status value, boolean empty) {
                super.updateItem(value, empty);
                setText(null);
                setGraphic(empty || value == null ? null : statusPill(value));
            }
        });
        status.setPrefWidth(150);

        TableColumn<Member, Member> actions = new TableColumn<>("");
        actions.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        actions.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(Member member, boolean empty) {
                super.updateItem(member, empty);
                setGraphic(empty || member == null ? null : actionsFor(member));
                setAlignment(Pos.CENTER_RIGHT);
            }
        });
        actions.setSortable(false);
        actions.setPrefWidth(70);
        actions.setMinWidth(60);

        List.of(name, email, role, status).forEach(c -> c.setReorderable(false));
        table.getColumns().setAll(List.of(name, email, role, status, actions));
        return table;
    }

    static Label statusPill(Status status) {
        Label pill = new Label(status.label());
        pill.getStyleClass().add("pill");
        pill.getStyleClass().add(switch (status) {
            case ACTIVE -> "pill-success";
            case DEACTIVATED -> "pill-neutral";
            case INVITATION_PENDING -> "pill-warning";
        });
        return pill;
    }

    private Node actionsFor(Member member) {
        MenuButton menu = new MenuButton(null, new FontIcon(Feather.MORE_HORIZONTAL));
        menu.setId("memberActions-" + member.id());
        menu.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Tweaks.NO_ARROW);
        menu.setAccessibleText("Actions for " + member.name());
        if (model.canChangeRole(member)) {
            MenuItem changeRole = new MenuItem("Change role…", new FontIcon(Feather.SHIELD));
            changeRole.setId("changeRole-" + member.id());
            changeRole.setOnAction(event -> openChangeRole(member));
            menu.getItems().add(changeRole);
        }
        if (model.canDeactivate(member)) {
            MenuItem deactivate = new MenuItem("Deactivate…", new FontIcon(Feather.USER_X));
            deactivate.setId("deactivate-" + member.id());
            deactivate.setOnAction(event -> dialogs.confirm("confirmDeactivate", "Deactivate " + member.name() + "?",
                    model.deactivateQuestion(member), "Deactivate", true, () -> model.deactivate(member)));
            menu.getItems().add(deactivate);
        }
        if (model.canReactivate(member)) {
            MenuItem reactivate = new MenuItem("Reactivate", new FontIcon(Feather.USER_CHECK));
            reactivate.setId("reactivate-" + member.id());
            reactivate.setOnAction(event -> model.reactivate(member));
            menu.getItems().add(reactivate);
        }
        if (menu.getItems().isEmpty()) {
            return null;
        }
        menu.disableProperty().bind(model.busyProperty());
        return menu;
    }

    private void openChangeRole(Member member) {
        ComboBox<RoleView> roles = roleBox(model.grantableRoles());
        roles.setId("changeRoleBox");
        roles.getItems().stream().filter(r -> r.id() == member.roleId()).findFirst().ifPresent(roles::setValue);
        Label text = new Label("Choose what " + member.name() + " may do. The change applies at once, "
                + "also on devices where they are signed in.");
        text.setWrapText(true);
        Label note = new Label("Only roles whose permissions your own role includes are offered.");
        note.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        note.setWrapText(true);
        Button cancel = new Button("Cancel");
        cancel.setOnAction(event -> dialogs.close());
        Button save = new Button("Change role");
        save.setId("changeRoleSave");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.disableProperty().bind(roles.valueProperty().isNull());
        save.setOnAction(event -> {
            dialogs.close();
            model.changeRole(member, roles.getValue());
        });
        dialogs.show(Dialogs.card("changeRoleDialog", "Change the role of " + member.name(), 440,
                new VBox(12, text, roles, note), cancel, save));
    }

    private void openInvite() {
        new InviteDialog(model.newInvitation(), dialogs).show();
    }

    static ComboBox<RoleView> roleBox(List<RoleView> roles) {
        ComboBox<RoleView> box = new ComboBox<>();
        box.getItems().setAll(roles);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(RoleView role) {
                return role == null ? "" : role.name();
            }

            @Override
            public RoleView fromString(String text) {
                return null;
            }
        });
        return box;
    }
}
