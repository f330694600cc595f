package id.orqestra.desktop.inbox;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import id.orqestra.model.outbound.TemplateView;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.io.File;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The template picker, drawn as a card over the inbox: the approved templates with a search on the
 * left; on the right the chosen template's values, the file it starts with (if any), a preview drawn
 * like the bubble that will appear, and Send. Binds to {@link TemplatePickerViewModel}.
 */
final class TemplatePickerView {

    private final TemplatePickerViewModel model;
    private final Runnable close;
    private final VBox card = new VBox(14);
    private final VBox form = new VBox(10);
    private final StackPane preview = new StackPane();

    TemplatePickerView(TemplatePickerViewModel model, Runnable close) {
        this.model = Objects.requireNonNull(model);
        this.close = Objects.requireNonNull(close);
        build();
    }

    Node root() {
        return card;
    }

    private void build() {
        Label title = new Label("Send a template", new FontIcon(Feather.FILE_TEXT));
        title.getStyleClass().add(Styles.TITLE_4);
        title.setGraphicTextGap(10);
        Button closeButton = new Button(null, new FontIcon(Feather.X));
        closeButton.setId("templatePickerClose");
        closeButton.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        closeButton.setCancelButton(true);
        closeButton.setOnAction(e -> close.run());
        Label why = new Label("Templates are approved by WhatsApp beforehand, so they can be sent at any time, even after "
                + "the 24-hour window has closed.");
        why.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        why.setWrapText(true);
        HBox top = new HBox(8, new VBox(2, title, why), new Spacer(), closeButton);
        top.setAlignment(Pos.TOP_LEFT);

        HBox body = new HBox(16, listColumn(), formColumn());
        VBox.setVgrow(body, Priority.ALWAYS);

        Label problem = new Label();
        problem.setId("templateSendProblem");
        problem.getStyleClass().add("template-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.sendProblemProperty());
        problem.visibleProperty().bind(model.sendProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        Button cancel = new Button("Cancel");
        cancel.setOnAction(e -> close.run());
        Button send = new Button("Send template", new FontIcon(Feather.SEND));
        send.setId("sendTemplateButton");
        send.getStyleClass().add(Styles.ACCENT);
        send.setDefaultButton(true);
        send.disableProperty().bind(model.sendDisabledProperty().or(model.selectedProperty().isNull()));
        send.setOnAction(e -> model.send());
        HBox bottom = new HBox(8, problem, new Spacer(), cancel, send);
        bottom.setAlignment(Pos.CENTER_RIGHT);
        HBox.setHgrow(problem, Priority.ALWAYS);

        card.getChildren().addAll(top, body, bottom);
        card.setId("templatePicker");
        card.getStyleClass().addAll("dialog-card", "template-picker");
        card.setPrefSize(960, 660);
        card.setMaxSize(960, 660);
        model.sentProperty().addListener((obs, was, now) -> {
            if (now) {
                close.run();
            }
        });
    }

    private Node listColumn() {
        CustomTextField search = new CustomTextField();
        search.setId("templateSearch");
        search.setPromptText("Search templates");
        search.setLeft(new FontIcon(Feather.SEARCH));
        search.textProperty().bindBidirectional(model.searchTextProperty());
        // Enter or Down takes the first match and goes on to its values, so the keyboard alone will do
        search.setOnAction(e -> chooseFirstMatch());
        search.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DOWN) {
                e.consume();
                chooseFirstMatch();
            }
        });

        ListView<TemplateView> list = new ListView<>(model.templates());
        list.setId("templateList");
        list.getStyleClass().add("template-list");
        list.setCellFactory(v -> new TemplateCell());
        list.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now != null) {
                model.selectedProperty().set(now);
            }
        });
        model.selectedProperty().addListener((obs, old, now) -> {
            if (now != null && list.getSelectionModel().getSelectedItem() != now) {
                list.getSelectionModel().select(now);
            }
        });
        Label notice = new Label();
        notice.setId("templateListNotice");
        notice.setWrapText(true);
        notice.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        notice.textProperty().bind(model.listNoticeProperty());
        notice.visibleProperty().bind(model.listNoticeProperty().isNotEmpty());
        notice.managedProperty().bind(notice.visibleProperty());
        VBox.setVgrow(list, Priority.ALWAYS);
        VBox column = new VBox(8, search, notice, list);
        column.setPrefWidth(330);
        column.setMinWidth(300);
        return column;
    }

    private void chooseFirstMatch() {
        if (model.templates().isEmpty()) {
            return;
        }
        model.selectedProperty().set(model.templates().getFirst());
        javafx.application.Platform.runLater(() -> form.lookupAll(".text-field").stream().findFirst()
                .ifPresent(Node::requestFocus));
    }

    private Node formColumn() {
        form.getStyleClass().add("template-form");
        preview.getStyleClass().add("template-preview-area");
        model.selectedProperty().addListener((obs, old, now) -> fillForm());
        model.fields().addListener((ListChangeListener<TemplatePickerViewModel.FieldModel>) c -> fillForm());
        model.previewProperty().addListener((obs, old, now) -> showPreview());
        model.headerFileProperty().addListener((obs, old, now) -> fillForm());
        fillForm();
        ScrollPane scroll = new ScrollPane(form);
        scroll.setFitToWidth(true);
        scroll.getStyleClass().add("template-form-scroll");
        VBox.setVgrow(scroll, Priority.ALWAYS);
        // the preview stays in view below the values, however many there are
        Label previewTitle = new Label("Preview");
        previewTitle.getStyleClass().add("panel-section");
        VBox previewBox = new VBox(6, previewTitle, preview);
        previewBox.visibleProperty().bind(model.selectedProperty().isNotNull());
        previewBox.managedProperty().bind(previewBox.visibleProperty());
        VBox column = new VBox(10, scroll, previewBox);
        HBox.setHgrow(column, Priority.ALWAYS);
        return column;
    }

    private void fillForm() {
        form.getChildren().clear();
        TemplateView template = model.selectedProperty().get();
        if (template == null) {
            Label pick = new Label("Choose a template on the left to fill in its values and see how it will look.");
            pick.setWrapText(true);
            pick.getStyleClass().add(Styles.TEXT_MUTED);
            form.getChildren().add(pick);
            return;
        }
        Label name = new Label(template.name());
        name.getStyleClass().add("template-name");
        Label facts = new Label(language(template.language()) + " · " + words(template.category()));
        facts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
        form.getChildren().add(new VBox(1, name, facts));
        if (!model.unusableProperty().get().isEmpty()) {
            Label unusable = new Label(model.unusableProperty().get());
            unusable.setWrapText(true);
            unusable.getStyleClass().add("template-problem");
            form.getChildren().add(unusable);
        }
        String headerFormat = model.headerFormatProperty().get();
        if (headerFormat != null) {
            form.getChildren().add(headerFileRow(headerFormat));
        }
        if (model.fields().isEmpty() && headerFormat == null) {
            Label nothing = new Label("This template has nothing to fill in.");
            nothing.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            form.getChildren().add(nothing);
        }
        for (TemplatePickerViewModel.FieldModel field : model.fields()) {
            form.getChildren().add(fieldRow(field));
        }
        showPreview();
    }

    private Node fieldRow(TemplatePickerViewModel.FieldModel field) {
        Label label = new Label(field.field().label());
        label.getStyleClass().add("field-label");
        TextField input = new TextField();
        input.setId("templateField-" + field.field().key().replace(':', '-'));
        input.textProperty().bindBidirectional(field.valueProperty());
        VBox row = new VBox(3, label);
        if (field.field().hint() != null) {
            // where the value goes, in the template's own words
            Label hint = new Label(field.field().hint());
            hint.getStyleClass().add("field-hint");
            hint.setWrapText(true);
            row.getChildren().add(hint);
        }
        Label problem = new Label();
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(field.problemProperty());
        problem.visibleProperty().bind(field.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        field.problemProperty().addListener((obs, old, now) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !now.isEmpty()));
        input.pseudoClassStateChanged(Styles.STATE_DANGER, !field.problemProperty().get().isEmpty());
        row.getChildren().addAll(input, problem);
        return row;
    }

    private Node headerFileRow(String format) {
        String noun = switch (format) {
            case "IMAGE" -> "picture";
            case "VIDEO" -> "video";
            default -> "document";
        };
        Label label = new Label("The " + noun + " the template starts with");
        label.getStyleClass().add("field-label");
        ConversationViewModel.StagedFile chosen = model.headerFileProperty().get();
        Label file = new Label(chosen == null ? "None chosen" : chosen.name() + " · " + InboxFormat.fileSize(chosen.size()));
        file.getStyleClass().add(chosen == null ? Styles.TEXT_MUTED : "chip-title");
        Button choose = new Button(chosen == null ? "Choose " + noun + "…" : "Change…", new FontIcon(Feather.PAPERCLIP));
        choose.setId("templateHeaderFile");
        choose.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Choose the " + noun);
            File picked = chooser.showOpenDialog(card.getScene() == null ? null : card.getScene().getWindow());
            if (picked != null) {
                model.chooseHeaderFile(picked.toPath());
            }
        });
        Label problem = new Label();
        problem.getStyleClass().add("field-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(model.headerProblemProperty());
        problem.visibleProperty().bind(model.headerProblemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        HBox row = new HBox(10, choose, file);
        row.setAlignment(Pos.CENTER_LEFT);
        return new VBox(3, label, row, problem);
    }

    /** The preview is the conversation's own bubble for a sent template, with the buttons the customer will see. */
    private void showPreview() {
        TemplateForm.Preview now = model.previewProperty().get();
        TemplateView template = model.selectedProperty().get();
        if (now == null || template == null) {
            preview.getChildren().clear();
            return;
        }
        VBox bubble = new VBox(4, MessageCell.templateContent(now.rendered(), template.name(), now.buttons()));
        bubble.setId("templatePreview");
        bubble.getStyleClass().addAll("bubble", "bubble-out");
        bubble.setMaxWidth(420);
        bubble.setMinHeight(Region.USE_PREF_SIZE);
        StackPane.setAlignment(bubble, Pos.TOP_RIGHT);
        preview.getChildren().setAll(bubble);
    }

    private static String language(String code) {
        if (code == null) {
            return "";
        }
        Locale locale = Locale.forLanguageTag(code.replace('_', '-'));
        String name = locale.getDisplayLanguage(Locale.ENGLISH);
        return name.isBlank() ? code : name;
    }

    private static String words(String category) {
        return category == null ? "" : category.charAt(0) + category.substring(1).toLowerCase(Locale.ROOT);
    }

    /** A template in the list: its name, language and category, and the start of its text. */
    private static final class TemplateCell extends ListCell<TemplateView> {
        private final Label name = new Label();
        private final Label facts = new Label();
        private final Label body = new Label();
        private final VBox box = new VBox(2, name, facts, body);

        TemplateCell() {
            name.getStyleClass().add("template-name");
            facts.getStyleClass().addAll(Styles.TEXT_SMALL, Styles.TEXT_MUTED);
            body.getStyleClass().add("template-snippet");
            body.setWrapText(true);
            body.setMaxHeight(34);
            box.setMinWidth(0);
            body.setMinWidth(0);
            setPrefWidth(0);
        }

        @Override
        protected void updateItem(TemplateView template, boolean empty) {
            super.updateItem(template, empty);
            setText(null);
            if (empty || template == null) {
                setGraphic(null);
                return;
            }
            name.setText(template.name());
            facts.setText(String.join(" · ", List.of(language(template.language()), words(template.category()))));
            body.setText(template.body() == null ? "" : template.body().replace('\n', ' '));
            setGraphic(box);
        }
    }
}
