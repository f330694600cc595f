package id.orqestra.desktop.admin;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import id.orqestra.desktop.admin.RolesViewModel.AreaRow;
import id.orqestra.desktop.admin.RolesViewModel.GridRow;
import id.orqestra.desktop.admin.RolesViewModel.PermissionRow;
import id.orqestra.model.tenant.RoleView;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.Tooltip;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeTableCell;
import javafx.scene.control.TreeTableColumn;
import javafx.scene.control.TreeTableRow;
import javafx.scene.control.TreeTableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The Roles tab: the permission grid (areas and permissions down, roles across), with a custom role's
 * boxes editable in place and its column header offering edit and delete.
 */
final class RolesView {

    private static final PseudoClass AREA = PseudoClass.getPseudoClass("area");
    static final double PERMISSION_COLUMN_WIDTH = 272;
    static final double ROLE_COLUMN_WIDTH = 100;
    /** What the tree's indentation and the cell's padding take from the permission column. */
    private static final double INDENT_AND_PADDING = 44;

    private final RolesViewModel model;
    private final Dialogs dialogs;
    private final TreeTableView<GridRow> grid = new TreeTableView<>() {
        @Override
        protected void layoutChildren() {
            super.layoutChildren();
            pinHeaderAndFollowScroll(); // the header and the scroll bar exist (anew) only after a layout
        }
    };
    /** How far the grid is scrolled sideways, in pixels. */
    private final DoubleProperty scrollX = new SimpleDoubleProperty();
    private final TreeTableColumn<GridRow, GridRow> permissionColumn = permissionColumn();
    private final VBox root;

    RolesView(RolesViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;

        Button create = AdminUi.accentButton("New role", Feather.PLUS);
        create.setId("newRoleButton");
        create.setVisible(model.canManage());
        create.setManaged(model.canManage());
        create.setOnAction(event -> new RoleEditorDialog(model.newRole(), dialogs).show());

        Node header = AdminUi.pageHeader("Roles", new ReadOnlyStringWrapper(model.canManage()
                        ? "Built-in roles are fixed. Create custom roles for anything in between; tick a box to change one."
                        : "What each role may do. Built-in roles are fixed.").getReadOnlyProperty(),
                AdminUi.refreshButton("refreshRoles", model::load, model.loadingProperty()), create);
        Node error = AdminUi.errorBanner("rolesError", model.errorProperty(), model::clearError);

        buildGrid();
        VBox.setVgrow(grid, Priority.ALWAYS);
        root = new VBox(14, header, error, grid);
        root.getStyleClass().add("admin-page");
        model.roles().addListener((ListChangeListener<RoleView>) change -> syncRoleColumns());
        syncRoleColumns();
    }

    Node root() {
        return root;
    }

    private void buildGrid() {
        grid.setId("rolesGrid");
        grid.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "roles-grid");
        grid.setShowRoot(false);
        grid.setColumnResizePolicy(TreeTableView.UNCONSTRAINED_RESIZE_POLICY);
        grid.setPlaceholder(AdminUi.tablePlaceholder(model.loadingProperty(), "Loading roles…", "No roles."));
        // area rows are headings across the whole width
        grid.setRowFactory(view -> new TreeTableRow<>() {
            @Override
            protected void updateItem(GridRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(AREA, !empty && row instanceof AreaRow);
            }

            {
                // the area's arrow sits in the permission column, so it stays put with it
                disclosureNodeProperty().addListener((observable, old, arrow) -> {
                    if (arrow != null) {
                        pin(arrow);
                        arrow.setViewOrder(-2);
                    }
                });
            }
        });
        TreeItem<GridRow> top = new TreeItem<>();
        TreeItem<GridRow> currentArea = null;
        for (GridRow row : RolesViewModel.GRID_ROWS) {
            TreeItem<GridRow> item = new TreeItem<>(row);
            if (row instanceof AreaRow) {
                item.setExpanded(true);
                top.getChildren().add(item);
                currentArea = item;
            } else if (currentArea != null) {
                currentArea.getChildren().add(item);
            }
        }
        grid.setRoot(top);
    }

    /**
     * Brings the role columns in line with the model, keeping each role's column (and so the grid's
     * scroll position) when only its contents change: re-creating the columns scrolled back to the left.
     */
    private void syncRoleColumns() {
        Map<Long, RoleColumn> existing = new HashMap<>();
        grid.getColumns().stream().filter(RoleColumn.class::isInstance).map(RoleColumn.class::cast)
                .forEach(column -> existing.put(column.role.get().id(), column));
        List<TreeTableColumn<GridRow, ?>> columns = new ArrayList<>();
        columns.add(permissionColumn);
        for (RoleView role : model.roles()) {
            RoleColumn column = existing.get(role.id());
            if (column == null) {
                column = new RoleColumn(role);
            } else {
                column.show(role);
            }
            columns.add(column);
        }
        if (!columns.equals(grid.getColumns())) {
            grid.getColumns().setAll(columns);
        }
    }

    private TreeTableColumn<GridRow, GridRow> permissionColumn() {
        TreeTableColumn<GridRow, GridRow> column = new TreeTableColumn<>("Permission");
        column.setId("permissionColumn");
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().getValue()));
        column.setCellFactory(c -> new TreeTableCell<>() {
            {
                setAlignment(Pos.CENTER_LEFT);
                getStyleClass().add("permission-cell");
                pin(this);
            }

            @Override
            protected void updateItem(GridRow row, boolean empty) {
                super.updateItem(row, empty);
                setText(null);
                if (empty || row == null) {
                    setGraphic(null);
                } else if (row instanceof AreaRow area) {
                    Label label = new Label(area.area().label());
                    label.getStyleClass().add("area-label");
                    setGraphic(label);
                } else if (row instanceof PermissionRow permission) {
                    // a Text wraps at a known width, so long descriptions take two lines instead of an ellipsis
                    Text description = new Text(permission.permission().description());
                    description.getStyleClass().add("permission-description");
                    description.wrappingWidthProperty().bind(getTableColumn().widthProperty().subtract(INDENT_AND_PADDING));
                    Label key = new Label(permission.permission().key());
                    key.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "permission-key");
                    setGraphic(new VBox(1, description, key));
                }
            }
        });
        column.setPrefWidth(PERMISSION_COLUMN_WIDTH);
        column.setMinWidth(220);
        column.setSortable(false);
        column.setReorderable(false);
        return column;
    }

    /**
     * Keeps {@code node} of the permission column where it is while the grid scrolls sideways, drawn
     * over the role columns passing beneath it (TreeTableView has no frozen columns of its own).
     */
    private void pin(Node node) {
        node.translateXProperty().bind(scrollX);
        node.setViewOrder(-1);
    }

    private void pinHeaderAndFollowScroll() {
        Node header = grid.lookup("#permissionColumn");
        if (header != null && !header.translateXProperty().isBound()) {
            pin(header);
        }
        if (!scrollX.isBound()) {
            grid.lookupAll(".scroll-bar").stream()
                    .filter(node -> node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL)
                    .findFirst()
                    .ifPresent(bar -> scrollX.bind(((ScrollBar) bar).valueProperty()));
        }
    }

    /** A role's column. It stays while its role is renamed or re-ticked; its cells follow {@link #role}. */
    private final class RoleColumn extends TreeTableColumn<GridRow, Grant> {

        private final ObjectProperty<RoleView> role = new SimpleObjectProperty<>();

        RoleColumn(RoleView initial) {
            role.set(initial);
            setId("role-" + initial.id());
            graphicProperty().bind(role.map(RolesView.this::roleHeader));
            setCellValueFactory(cell -> role.map(current -> new Grant(cell.getValue().getValue(), current)));
            setCellFactory(c -> new GrantCell());
            setPrefWidth(ROLE_COLUMN_WIDTH);
            setMinWidth(80);
            setSortable(false);
            setReorderable(false);
        }

        void show(RoleView latest) {
            // the model puts back the very same role to undo a refused tick: clearing first redraws the boxes even then
            role.set(null);
            role.set(latest);
        }
    }

    private Node roleHeader(RoleView role) {
        // a Text wraps at a known width: a long name takes two lines rather than losing its end
        Text name = new Text(role.name());
        name.getStyleClass().add("role-header-name");
        name.setId("roleHeader-" + role.id());
        name.setWrappingWidth(ROLE_COLUMN_WIDTH - 14);
        name.setTextAlignment(TextAlignment.CENTER);
        Label caption = new Label(role.builtIn() != null ? "Built-in"
                : role.userCount() + (role.userCount() == 1 ? " person" : " people"));
        caption.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED, "role-header-caption");
        if (role.builtIn() != null) {
            caption.setGraphic(new FontIcon(Feather.LOCK));
        }
        VBox header = new VBox(2, name, caption);
        header.setAlignment(Pos.CENTER);
        if (model.isEditable(role)) {
            Button edit = AdminUi.iconButton(Feather.EDIT_2, "Rename or change " + role.name());
            edit.setId("editRole-" + role.id());
            edit.getStyleClass().add(Styles.SMALL);
            edit.setOnAction(event -> new RoleEditorDialog(model.edit(role), dialogs).show());
            Button delete = AdminUi.iconButton(Feather.TRASH_2, model.canDelete(role)
                    ? "Delete " + role.name() : model.deleteBlockedReason(role));
            delete.setId("deleteRole-" + role.id());
            delete.getStyleClass().addAll(Styles.SMALL, Styles.DANGER);
            delete.setOnAction(event -> {
                if (model.canDelete(role)) {
                    dialogs.confirm("confirmDeleteRole", "Delete " + role.name() + "?", model.deleteQuestion(role),
                            "Delete role", true, () -> model.delete(role));
                } else {
                    dialogs.inform("roleInUse", role.name() + " is in use", model.deleteBlockedReason(role));
                }
            });
            HBox actions = new HBox(2, edit, delete);
            actions.setAlignment(Pos.CENTER);
            header.getChildren().add(actions);
        }
        return header;
    }

    /** A role's cell in a permission row: a box for an editable role, a tick (or nothing) otherwise. */
    /** What a role's cell shows: whether {@code role} holds the permission of {@code row}. */
    private record Grant(GridRow row, RoleView role) {
    }

    private final class GrantCell extends TreeTableCell<GridRow, Grant> {

        GrantCell() {
            setAlignment(Pos.CENTER);
        }

        @Override
        protected void updateItem(Grant grant, boolean empty) {
            super.updateItem(grant, empty);
            setText(null);
            if (empty || grant == null || !(grant.row() instanceof PermissionRow permissionRow)) {
                setGraphic(null);
                return;
            }
            RoleView role = grant.role();
            var permission = permissionRow.permission();
            boolean granted = model.isGranted(role, permission);
            if (model.isEditable(role)) {
                CheckBox box = new CheckBox();
                box.setId("grant-" + role.id() + "-" + permission.key());
                box.setSelected(granted);
                box.setAccessibleText(role.name() + ": " + permission.description());
                box.disableProperty().bind(model.busyProperty());
                if (!granted && !model.mayGrant(permission)) {
                    box.disableProperty().unbind();
                    box.setDisable(true);
                    Tooltip.install(box, new Tooltip("Your own role does not include " + permission.key()
                            + ", so you cannot grant it."));
                }
                box.setOnAction(event -> model.setGranted(role, permission, box.isSelected()));
                setGraphic(box);
            } else if (granted) {
                FontIcon tick = new FontIcon(Feather.CHECK);
                tick.getStyleClass().add("grant-tick");
                tick.setId("tick-" + role.id() + "-" + permission.key());
                setGraphic(tick);
            } else {
                setGraphic(null);
            }
        }
    }
}
