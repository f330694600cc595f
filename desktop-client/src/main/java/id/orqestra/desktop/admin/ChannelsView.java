package id.orqestra.desktop.admin;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import id.orqestra.desktop.admin.ChannelsViewModel.ChannelRow;
import id.orqestra.desktop.admin.ChannelsViewModel.NoticeRow;
import id.orqestra.model.inbox.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import org.kordamp.ikonli.fontawesome5.FontAwesomeBrands;
import org.kordamp.ikonli.javafx.FontIcon;

import java.util.List;

/** The Channels tab: connected numbers and accounts with their switch, connect buttons, and Meta's notices. */
final class ChannelsView {

    private final ChannelsViewModel model;
    private final Dialogs dialogs;
    private final VBox root;

    ChannelsView(ChannelsViewModel model, Dialogs dialogs) {
        this.model = model;
        this.dialogs = dialogs;

        Button whatsApp = new Button("Connect WhatsApp", platformIcon(Platform.WHATSAPP, false));
        whatsApp.setId("connectWhatsAppButton");
        whatsApp.setOnAction(event -> new ConnectChannelDialog(model.connectWhatsApp(), dialogs).show());
        Button instagram = new Button("Connect Instagram", platformIcon(Platform.INSTAGRAM, false));
        instagram.setId("connectInstagramButton");
        instagram.setOnAction(event -> new ConnectChannelDialog(model.connectInstagram(), dialogs).show());
        for (Button button : List.of(whatsApp, instagram)) {
            button.setVisible(model.canManage());
            button.setManaged(model.canManage());
        }

        Node header = AdminUi.pageHeader("Channels", model.summaryProperty(),
                AdminUi.refreshButton("refreshChannels", model::load, model.loadingProperty()), whatsApp, instagram);
        Node error = AdminUi.errorBanner("channelsError", model.errorProperty(), model::clearError);

        TableView<ChannelRow> table = table();
        HBox.setHgrow(table, Priority.ALWAYS);
        HBox body = new HBox(16, table);
        if (model.showsNotices()) {
            body.getChildren().add(notices());
        }
        VBox.setVgrow(body, Priority.ALWAYS);
        root = new VBox(14, header, error, body);
        root.getStyleClass().add("admin-page");
    }

    Node root() {
        return root;
    }

    private TableView<ChannelRow> table() {
        TableView<ChannelRow> table = new TableView<>(model.channels());
        table.setId("channelsTable");
        table.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "admin-table", "channels-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(AdminUi.tablePlaceholder(model.loadingProperty(), "Loading channels…",
                model.canManage() ? "No channels yet. Connect a WhatsApp number or an Instagram account to start."
                        : "No channels are connected yet."));

        TableColumn<ChannelRow, ChannelRow> channel = new TableColumn<>("Channel");
        channel.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        channel.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ChannelRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                Label name = new Label(row.name());
                name.getStyleClass().add(Styles.TEXT_BOLD);
                Label address = new Label(row.address());
                address.getStyleClass().add(Styles.TEXT_MUTED);
                HBox box = new HBox(12, platformIcon(row.platform(), true), new VBox(2, name, address));
                box.setAlignment(Pos.CENTER_LEFT);
                setGraphic(box);
            }
        });
        channel.setPrefWidth(300);

        TableColumn<ChannelRow, String> ids = new TableColumn<>("Meta IDs");
        ids.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue().accountIds()));
        ids.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                if (empty || text == null) {
                    setGraphic(null);
                    return;
                }
                Label ids = new Label(text);
                ids.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
                setGraphic(ids);
            }
        });
        ids.setPrefWidth(260);

        TableColumn<ChannelRow, ChannelRow> enabled = new TableColumn<>("Enabled");
        enabled.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        enabled.setCellFactory(column -> new TableCell<>() {
            @Override
            protected void updateItem(ChannelRow row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    return;
                }
                ToggleSwitch toggle = new ToggleSwitch(row.enabled() ? "On" : "Off");
                toggle.setId("channelEnabled-" + row.id());
                toggle.setSelected(row.enabled());
                toggle.setDisable(!model.canManage());
                if (model.canManage()) {
                    toggle.disableProperty().bind(model.busyProperty());
                }
                toggle.selectedProperty().addListener((obs, was, now) -> model.setEnabled(row, now));
                setGraphic(toggle);
            }
        });
        enabled.setPrefWidth(120);
        enabled.setMinWidth(110);

        List.of(channel, ids, enabled).forEach(c -> c.setReorderable(false));
        table.getColumns().setAll(List.of(channel, ids, enabled));
        // a refused switch comes back as an equal row, which a table would not redraw by itself
        model.channels().addListener((ListChangeListener<ChannelRow>) change -> table.refresh());
        return table;
    }

    private Node notices() {
        Label title = new Label("Account notices");
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Label explanation = new Label("What Meta says about your accounts: template reviews, quality, limits.");
        explanation.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        explanation.setWrapText(true);

        ListView<NoticeRow> list = new ListView<>(model.notices());
        list.setId("noticesList");
        list.getStyleClass().addAll(Tweaks.EDGE_TO_EDGE, "notices-list");
        Label empty = new Label("No notices from Meta yet.");
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        list.setPlaceholder(empty);
        list.setCellFactory(view -> new ListCell<>() {
            @Override
            protected void updateItem(NoticeRow notice, boolean isEmpty) {
                super.updateItem(notice, isEmpty);
                if (isEmpty || notice == null) {
                    setGraphic(null);
                    return;
                }
                Label heading = new Label(notice.title());
                heading.getStyleClass().add(Styles.TEXT_BOLD);
                // a Text wraps at the list's width, so the whole of Meta's explanation shows
                Text summary = new Text(notice.summary());
                summary.getStyleClass().add("notice-summary");
                summary.wrappingWidthProperty().bind(list.widthProperty().subtract(28));
                Label when = new Label(notice.when() + (notice.channelName().isEmpty() ? "" : " · " + notice.channelName()));
                when.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
                setGraphic(new VBox(3, heading, summary, when));
            }
        });
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox panel = new VBox(6, title, explanation, list);
        panel.getStyleClass().add("notices-panel");
        panel.setPrefWidth(300);
        panel.setMinWidth(260);
        return panel;
    }

    /** The platform's mark, in its colour; {@code badge} puts it in a round tinted badge. */
    static Node platformIcon(Platform platform, boolean badge) {
        FontIcon icon = new FontIcon(platform == Platform.WHATSAPP ? FontAwesomeBrands.WHATSAPP : FontAwesomeBrands.INSTAGRAM);
        icon.getStyleClass().add(platform == Platform.WHATSAPP ? "whatsapp-icon" : "instagram-icon");
        if (!badge) {
            return icon;
        }
        StackPane circle = new StackPane(icon);
        circle.getStyleClass().addAll("platform-badge",
                platform == Platform.WHATSAPP ? "whatsapp-badge" : "instagram-badge");
        return circle;
    }
}
