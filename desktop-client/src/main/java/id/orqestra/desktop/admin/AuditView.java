package id.orqestra.desktop.admin;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import id.orqestra.desktop.admin.AuditViewModel.AuditRow;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.util.List;
import java.util.function.Function;

/** The Audit log tab: a plain table of who changed what, newest first. */
final class AuditView {

    private final VBox root;

    AuditView(AuditViewModel model) {
        Node header = AdminUi.pageHeader("Audit log", new ReadOnlyStringWrapper(
                        "The latest changes to your team, roles and channels, newest first.").getReadOnlyProperty(),
                AdminUi.refreshButton("refreshAudit", model::load, model.loadingProperty()));
        Node error = AdminUi.errorBanner("auditError", model.errorProperty(), model::clearError);

        TableView<AuditRow> table = new TableView<>(model.entries());
        table.setId("auditTable");
        table.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE, "admin-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(AdminUi.tablePlaceholder(model.loadingProperty(), "Loading the audit log…",
                "Nothing has been changed yet."));
        table.getColumns().setAll(List.of(
                column("When", AuditRow::when, 175),
                column("Who", AuditRow::who, 140),
                column("What", AuditRow::what, 210),
                column("On", AuditRow::subject, 110),
                column("Details", AuditRow::details, 300)));
        VBox.setVgrow(table, Priority.ALWAYS);
        root = new VBox(14, header, error, table);
        root.getStyleClass().add("admin-page");
    }

    Node root() {
        return root;
    }

    private static TableColumn<AuditRow, String> column(String title, Function<AuditRow, String> value, double width) {
        TableColumn<AuditRow, String> column = new TableColumn<>(title);
        column.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(value.apply(cell.getValue())));
        column.setPrefWidth(width);
        column.setReorderable(false);
        return column;
    }
}
