package id.orqestra.desktop.admin;

import atlantafx.base.controls.Message;
import atlantafx.base.theme.Styles;
import id.orqestra.model.tenant.Permission;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Creates or changes a custom role: its name and a box for each permission, grouped by area. */
final class RoleEditorDialog {

    private final RoleEditorViewModel model;
    private final Dialogs dialogs;

    RoleEditorDialog(RoleEditorViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;
    }

    void show() {
        TextField name = new TextField();
        name.setId("roleName");
        name.setPromptText("e.g. Night shift");
        Node nameField = AdminUi.formField("Name", name, model.name(), null);

        Label permissionsLabel = new Label("Permissions");
        permissionsLabel.getStyleClass().add("field-label");
        Label permissionsError = new Label();
        permissionsError.setId("rolePermissionsError");
        permissionsError.getStyleClass().add("field-error");
        permissionsError.textProperty().bind(model.permissionsErrorProperty());
        permissionsError.visibleProperty().bind(model.permissionsErrorProperty().isNotEmpty());
        permissionsError.managedProperty().bind(permissionsError.visibleProperty());

        ScrollPane boxes = new ScrollPane(permissionBoxes());
        boxes.setFitToWidth(true);
        boxes.setPrefViewportHeight(330);
        boxes.getStyleClass().add("permission-boxes");

        Message error = new Message();
        error.setId("roleEditorError");
        error.getStyleClass().add(Styles.DANGER);
        error.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        error.descriptionProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());

        Button cancel = new Button("Cancel");
        cancel.setId("roleEditorCancel");
        cancel.setOnAction(event -> dialogs.close());
        Button save = new Button();
        save.setId("roleEditorSave");
        save.getStyleClass().add(Styles.ACCENT);
        save.setDefaultButton(true);
        save.textProperty().bind(Bindings.when(model.busyProperty()).then("Saving…").otherwise(model.submitLabel()));
        save.disableProperty().bind(model.busyProperty());
        save.setOnAction(event -> model.submit());
        model.savedProperty().addListener((obs, was, saved) -> {
            if (saved) {
                dialogs.close();
            }
        });

        VBox body = new VBox(10, nameField, new VBox(6, permissionsLabel, permissionsError, boxes), error);
        dialogs.show(Dialogs.card("roleEditor", model.title(), 620, body, cancel, save));
    }

    private Node permissionBoxes() {
        GridPane grid = new GridPane();
        grid.setHgap(16);
        grid.setVgap(6);
        grid.getStyleClass().add("permission-box-grid");
        for (int i = 0; i < 2; i++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            grid.getColumnConstraints().add(half);
        }
        int row = 0;
        for (PermissionArea area : PermissionArea.values()) {
            Label heading = new Label(area.label());
            heading.getStyleClass().add("area-label");
            grid.add(heading, 0, row++, 2, 1);
            int column = 0;
            for (Permission permission : area.permissions()) {
                CheckBox box = new CheckBox(permission.description());
                box.setId("roleBox-" + permission.key());
                box.setWrapText(true);
                box.selectedProperty().bindBidirectional(model.grantedProperty(permission));
                box.setTooltip(new Tooltip(permission.key()));
                if (!model.mayGrant(permission)) {
                    box.setDisable(true);
                    box.setTooltip(new Tooltip("Your own role does not include " + permission.key()
                            + ", so you cannot grant it."));
                }
                grid.add(box, column, row);
                column++;
                if (column == 2) {
                    column = 0;
                    row++;
                }
            }
            if (column != 0) {
                row++;
            }
        }
        return grid;
    }
}
