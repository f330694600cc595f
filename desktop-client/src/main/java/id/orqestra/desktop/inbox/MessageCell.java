package id.orqestra.desktop.inbox;

import atlantafx.base.theme.Styles;
import id.orqestra.desktop.store.OutboxEntry;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MediaState;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.ReactionView;
import id.orqestra.model.tenant.Permission;
import javafx.application.Platform;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

import java.net.URI;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One bubble: inbound on the left, outbound on the right, notices centred. Content by kind (text,
 * photo thumbnail, file chip, place, order, template…), the quoted message, reactions on the bubble
 * they are for, time, edit, delete and hidden marks, and the delivery tick with Meta's reason when it
 * failed. A reply still in the outbox shows as it will look, with its upload's progress. Pointing at a
 * bubble shows what can be done with it (quote, react; answer or moderate a comment); a right click
 * offers the same.
 */
final class MessageCell extends ListCell<MessageItem> {

    /** Asks before something that cannot be taken back: title, question, confirming label, what then. */
    @FunctionalInterface
    interface Confirmation {
        void ask(String title, String question, String confirmLabel, Runnable onConfirm);
    }

    static final double THUMBNAIL = 240;
    private final ConversationViewModel model;
    private final ListView<MessageItem> list;
    private final Confirmation confirmation;

    MessageCell(ConversationViewModel model, ListView<MessageItem> list, Confirmation confirmation) {
        this.model = model;
        this.list = list;
        this.confirmation = confirmation;
        getStyleClass().add("message-cell");
        setPrefWidth(0); // the list's width, so bubbles wrap instead of scrolling sideways
        setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
    }

    /** A cell lays its graphic out at the graphic's preferred width: make that the cell's inner width. */
    private Node fill(javafx.scene.layout.Region row) {
        row.prefWidthProperty().bind(javafx.beans.binding.Bindings.createDoubleBinding(() -> getWidth() - getInsets().getLeft() - getInsets().getRight(), widthProperty(), insetsProperty()));
        row.setMaxWidth(Region.USE_PREF_SIZE);
        row.setMinWidth(0);
        return row;
    }

    @Override
    protected void updateItem(MessageItem item, boolean empty) {
        super.updateItem(item, empty);
        setText(null);
        if (empty || item == null) {
            setGraphic(null);
            return;
        }
        setGraphic(fill(item.message() != null && item.message().content() instanceof MessageContent.SystemNotice notice
                ? systemNotice(notice) : row(item)));
    }

    private HBox systemNotice(MessageContent.SystemNotice notice) {
        Label text = new Label(notice.body() == null ? "Something changed in this conversation." : notice.body());
        text.setWrapText(true);
        text.getStyleClass().add("system-notice");
        HBox row = new HBox(text);
        row.setAlignment(Pos.CENTER);
        return row;
    }

    private HBox row(MessageItem item) {
        boolean outbound = item.direction() == Direction.OUTBOUND;
        VBox bubble = new VBox(4);
        bubble.getStyleClass().addAll("bubble", outbound ? "bubble-out" : "bubble-in");
        bubble.maxWidthProperty().bind(list.widthProperty().multiply(0.68).map(w -> Math.min(w.doubleValue(), 560)));
        if (item.quoted() != null) {
            bubble.getChildren().add(quote(item.quoted()));
        }
        if (item.isPending()) {
            bubble.getChildren().add(pendingContent(item));
        } else {
            bubble.getChildren().add(content(item.message()));
            if (item.message().hiddenAt() != null && item.message().deletedAt() == null) {
                Label hidden = new Label("Hidden from the public on Instagram", new FontIcon(Feather.EYE_OFF));
                hidden.getStyleClass().add("hidden-mark");
                bubble.getChildren().add(hidden);
            }
        }
        bubble.getChildren().add(footer(item));
        if (item.message() != null && item.message().status() == MessageStatus.FAILED && item.message().error() != null) {
            bubble.getChildren().add(failure("Not delivered: " + item.message().error().bestText()));
        }
        if (item.isRefused()) {
            Hyperlink retry = new Hyperlink("Try again");
            retry.setOnAction(e -> model.retry(item));
            Hyperlink discard = new Hyperlink("Discard");
            discard.setOnAction(e -> model.discard(item));
            HBox links = new HBox(6, retry, discard);
            VBox refused = new VBox(2, failure("Not sent: " + item.pending().lastError()), links);
            bubble.getChildren().add(refused);
        }
        VBox column = new VBox(2, bubble);
        column.setAlignment(outbound ? Pos.TOP_RIGHT : Pos.TOP_LEFT);
        if (item.message() != null && item.message().reactions() != null && !item.message().reactions().isEmpty()) {
            column.getChildren().add(reactions(item.message().reactions()));
        }
        HBox actions = actions(item);
        if (!actions.getChildren().isEmpty()) {
            ContextMenu menu = new ContextMenu();
            menu.setOnShowing(e -> menu.getItems().setAll(menuItems(item)));
            bubble.setOnContextMenuRequested(e -> {
                menu.show(bubble, e.getScreenX(), e.getScreenY());
                e.consume();
            });
            actions.visibleProperty().bind(hoverProperty());
            HBox row = outbound ? new HBox(4, spacer(), actions, column) : new HBox(4, column, actions, spacer());
            row.setAlignment(outbound ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
            return row;
        }
        HBox row = outbound ? new HBox(4, spacer(), column) : new HBox(4, column, spacer());
        row.setAlignment(outbound ? Pos.CENTER_RIGHT : Pos.CENTER_LEFT);
        return row;
    }

    /** The buttons shown while pointing at a bubble. */
    private HBox actions(MessageItem item) {
        HBox actions = new HBox(2);
        actions.setAlignment(Pos.CENTER);
        if (model.canAnswer(item)) {
            Button reply = actionButton(Feather.CORNER_UP_LEFT, "Reply to this message", "reply-button");
            reply.setOnAction(e -> model.replyingToProperty().set(item));
            Button react = actionButton(Feather.SMILE, "React", "react-button");
            react.setOnAction(e -> {
                ContextMenu menu = new ContextMenu();
                menu.getItems().setAll(reactionItems(item));
                menu.show(react, javafx.geometry.Side.TOP, 0, 0);
            });
            actions.getChildren().addAll(reply, react);
        }
        if (model.isAnswerableComment(item)) {
            MenuButton more = new MenuButton(null, new FontIcon(Feather.MORE_HORIZONTAL));
            more.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "comment-actions", "no-arrow");
            more.setTooltip(new Tooltip("Answer or moderate this comment"));
            more.setOnShowing(e -> more.getItems().setAll(menuItems(item)));
            more.getItems().add(new MenuItem("…"));
            actions.getChildren().add(more);
        }
        return actions;
    }

    private static Button actionButton(Feather icon, String tip, String styleClass) {
        Button button = new Button(null, new FontIcon(icon));
        button.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, "bubble-action", styleClass);
        button.setTooltip(new Tooltip(tip));
        return button;
    }

    /** What can be done with the message, built when a menu opens (so it reflects the state at that moment). */
    private List<MenuItem> menuItems(MessageItem item) {
        List<MenuItem> items = new java.util.ArrayList<>();
        if (model.canAnswer(item)) {
            MenuItem reply = new MenuItem("Reply", new FontIcon(Feather.CORNER_UP_LEFT));
            reply.setOnAction(e -> model.replyingToProperty().set(item));
            Menu react = new Menu("React", new FontIcon(Feather.SMILE));
            react.getItems().setAll(reactionItems(item));
            items.add(reply);
            items.add(react);
        }
        if (model.isAnswerableComment(item)) {
            if (model.may(Permission.INBOX_REPLY)) {
                MenuItem publicly = new MenuItem("Reply publicly", new FontIcon(Feather.MESSAGE_CIRCLE));
                publicly.setOnAction(e -> model.replyPublicly(item));
                items.add(publicly);
                String blocked = model.privateReplyBlocked(item);
                if (blocked == null) {
                    MenuItem privately = new MenuItem("Reply privately", new FontIcon(Feather.SEND));
                    privately.setOnAction(e -> model.replyPrivately(item));
                    items.add(privately);
                } else {
                    items.add(explained("Reply privately", blocked));
                }
            }
            if (model.may(Permission.COMMENT_MODERATE)) {
                items.add(new SeparatorMenuItem());
                boolean hidden = item.message().hiddenAt() != null;
                MenuItem hide = new MenuItem(hidden ? "Show to everyone again" : "Hide from the public",
                        new FontIcon(hidden ? Feather.EYE : Feather.EYE_OFF));
                hide.setOnAction(e -> {
                    if (hidden) {
                        model.unhideComment(item);
                    } else {
                        model.hideComment(item);
                    }
                });
                MenuItem delete = new MenuItem("Delete…", new FontIcon(Feather.TRASH_2));
                delete.getStyleClass().add("danger-item");
                delete.setOnAction(e -> confirmation.ask("Delete this comment?",
                        "The comment is deleted on Instagram for everyone, and this cannot be undone. Hiding it keeps "
                                + "it visible to its author only.", "Delete comment", () -> model.deleteComment(item)));
                items.add(hide);
                items.add(delete);
            }
        }
        return items;
    }

    /** The emoji to react with; ours is marked and choosing it again takes it off. */
    private List<MenuItem> reactionItems(MessageItem item) {
        String unavailable = model.reactionUnavailable();
        if (unavailable != null) {
            return List.of(explained("Reactions are not possible now", unavailable));
        }
        String ours = model.ourReaction(item);
        List<MenuItem> items = new java.util.ArrayList<>();
        for (String emoji : model.reactionChoices()) {
            Label symbol = new Label(emoji);
            symbol.getStyleClass().add("reaction-choice");
            MenuItem choice = new MenuItem(emoji.equals(ours) ? "(yours)" : null, symbol);
            choice.setOnAction(e -> model.react(item, emoji));
            items.add(choice);
        }
        if (ours != null) {
            items.add(new SeparatorMenuItem());
            MenuItem remove = new MenuItem("Remove my reaction", new FontIcon(Feather.X));
            remove.setOnAction(e -> model.removeReaction(item));
            items.add(remove);
        }
        return items;
    }

    /** A greyed item that says why it cannot be chosen. */
    private static MenuItem explained(String title, String why) {
        Label heading = new Label(title);
        Label reason = new Label(why);
        reason.setWrapText(true);
        reason.setMaxWidth(300);
        reason.getStyleClass().add("menu-reason");
        CustomMenuItem item = new CustomMenuItem(new VBox(2, heading, reason), false);
        item.setDisable(true);
        return item;
    }

    /** A reply still in the outbox, drawn as it will look once sent. */
    private Node pendingContent(MessageItem item) {
        OutboxEntry entry = item.pending();
        return switch (entry.kind()) {
            case TEXT -> textLabel(entry.text());
            case MEDIA -> pendingFile(entry);
            case TEMPLATE -> templateContent(entry.text(), entry.template() == null ? "" : entry.template().name(), List.of());
            case PUBLIC_REPLY -> labelled("Public reply", entry.text());
            case PRIVATE_REPLY -> labelled("Private reply · goes to their direct messages", entry.text());
        };
    }

    private static Node labelled(String what, String text) {
        Label kind = new Label(what);
        kind.getStyleClass().add("bubble-kind");
        return new VBox(2, kind, textLabel(text));
    }

    private Node pendingFile(OutboxEntry entry) {
        OutboxEntry.Attachment file = entry.attachment();
        VBox box = new VBox(4);
        if (file == null) {
            return textLabel(entry.text());
        }
        if (file.kind() == MessageContent.MediaKind.IMAGE || file.kind() == MessageContent.MediaKind.STICKER) {
            box.getChildren().add(localThumbnail(java.nio.file.Path.of(file.path())));
        } else {
            Label name = new Label(file.fileName());
            name.getStyleClass().add("chip-title");
            Label info = new Label(InboxFormat.fileSize(file.size()));
            info.getStyleClass().add("chip-detail");
            box.getChildren().add(chip(InboxIcons.forMedia(file.kind()), new VBox(1, name, info)));
        }
        if (entry.state() == OutboxEntry.State.PENDING) {
            ProgressBar bar = new ProgressBar();
            bar.getStyleClass().add("upload-progress");
            bar.setMaxWidth(Double.MAX_VALUE);
            Label words = new Label();
            words.getStyleClass().add("bubble-meta");
            if (file.uploadId() != null) {
                bar.setProgress(1);
                words.setText("Uploaded · sending");
            } else {
                var progress = model.uploadProgress(entry.clientId());
                bar.progressProperty().bind(progress);
                words.textProperty().bind(progress.map(done -> done.doubleValue() <= 0
                        ? "Waiting to upload: it goes up as soon as Orqestra is connected"
                        : done.doubleValue() >= 1 ? "Uploaded · sending"
                        : "Uploading " + Math.round(done.doubleValue() * 100) + " %"));
            }
            box.getChildren().addAll(bar, words);
        }
        if (entry.text() != null && !entry.text().isBlank()) {
            box.getChildren().add(textLabel(entry.text()));
        }
        return box;
    }

    private Node localThumbnail(java.nio.file.Path file) {
        StackPane frame = thumbnailFrame();
        ImageView view = (ImageView) frame.getChildren().get(1);
        // loads in the background; the frame's size is fixed, so the cell does not change height later
        Image image = new Image(file.toUri().toString(), THUMBNAIL * 2, THUMBNAIL * 2, true, true, true);
        view.setImage(image);
        Node waiting = frame.getChildren().getFirst();
        image.progressProperty().addListener((o, a, done) -> {
            if (done.doubleValue() >= 1 && !image.isError()) {
                frame.getChildren().remove(waiting);
            }
        });
        return frame;
    }

    /** A sent template: its text as the customer reads it, marked as a template; the picker's preview uses the same. */
    static Node templateContent(String rendered, String name, List<String> buttons) {
        Label kind = new Label("Template" + (name == null || name.isBlank() ? "" : " · " + name), new FontIcon(Feather.FILE_TEXT));
        kind.getStyleClass().add("bubble-kind");
        VBox box = new VBox(4, kind, textLabel(rendered == null ? "" : rendered));
        for (String button : buttons) {
            Label tap = new Label(button);
            tap.getStyleClass().add("template-button");
            tap.setMaxWidth(Double.MAX_VALUE);
            box.getChildren().add(tap);
        }
        return box;
    }

    private static Region spacer() {
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        return spacer;
    }

    private Node quote(MessageView quoted) {
        Label who = new Label(quoted.direction() == Direction.OUTBOUND ? "You" : "Customer");
        who.getStyleClass().add("quote-author");
        Label text = new Label(quoted.content() == null ? "" : InboxFormat.plainPreview(quoted.content().preview()));
        text.getStyleClass().add("quote-text");
        text.setWrapText(true);
        text.setMaxHeight(40);
        VBox box = new VBox(1, who, text);
        box.getStyleClass().add("quote");
        return box;
    }

    private static Label textLabel(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.getStyleClass().add("bubble-text");
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private Node content(MessageView message) {
        if (message.deletedAt() != null || message.status() == MessageStatus.DELETED) {
            Label deleted = new Label("This message was deleted");
            deleted.setGraphic(new FontIcon(Feather.SLASH));
            deleted.getStyleClass().add("deleted-text");
            return deleted;
        }
        MessageContent content = message.content();
        return switch (content) {
            case null -> textLabel("(empty message)");
            case MessageContent.Text text -> textLabel(text.body());
            case MessageContent.Media media -> media(message, media);
            case MessageContent.Location place -> location(place);
            case MessageContent.Order order -> order(order);
            case MessageContent.Unsupported unsupported -> unsupported(unsupported);
            case MessageContent.StoryMention mention -> iconText(Feather.AT_SIGN, mention.preview()
                    + (message.mediaState() == MediaState.NOT_KEPT ? " (Instagram asks that the story itself is not kept)" : ""));
            case MessageContent.Comment comment -> message.direction() == Direction.OUTBOUND
                    ? labelled("Public reply", comment.text() == null ? "" : comment.text())
                    : iconText(Feather.MESSAGE_CIRCLE, "Comment: " + (comment.text() == null ? "" : comment.text()));
            case MessageContent.ContactCards cards -> iconText(Feather.USER, contactCards(cards));
            case MessageContent.Share share -> iconText(Feather.LINK, InboxFormat.plainPreview(share.preview()));
            case MessageContent.Template template -> templateContent(template.renderedBody() != null
                    ? template.renderedBody() : template.preview(), template.name(), List.of());
            case MessageContent.InteractiveReply reply -> iconText(Feather.CHECK_SQUARE, InboxFormat.interactiveReply(reply));
            case MessageContent.ButtonReply reply -> iconText(Feather.CHECK_SQUARE, "Tapped: " + reply.preview());
            default -> textLabel(InboxFormat.plainPreview(content.preview()));
        };
    }

    private static Node iconText(Feather icon, String text) {
        Label label = textLabel(text);
        label.setGraphic(new FontIcon(icon));
        label.setGraphicTextGap(6);
        return label;
    }

    private static String contactCards(MessageContent.ContactCards cards) {
        StringBuilder text = new StringBuilder("Shared contact");
        if (cards.contacts() != null) {
            for (MessageContent.ContactCard card : cards.contacts()) {
                text.append("\n").append(card.formattedName() == null ? "Contact" : card.formattedName());
                if (card.phones() != null && !card.phones().isEmpty()) {
                    text.append(" · ").append(card.phones().getFirst().phone());
                }
            }
        }
        return text.toString();
    }

    private Node unsupported(MessageContent.Unsupported unsupported) {
        String kind = unsupported.reportedType() == null || "unsupported".equals(unsupported.reportedType())
                || "unknown".equals(unsupported.reportedType()) ? "a kind of message" : "a " + unsupported.reportedType();
        Label label = textLabel("The customer sent " + kind + " that Orqestra can't show yet"
                + (unsupported.errorTitle() != null ? " (" + unsupported.errorTitle() + ")" : "")
                + ". Ask them to send it another way, or look on the phone.");
        label.setGraphic(new FontIcon(Feather.HELP_CIRCLE));
        label.getStyleClass().add("unsupported-text");
        return label;
    }

    private Node order(MessageContent.Order order) {
        VBox box = new VBox(2);
        box.getChildren().add(iconText(Feather.SHOPPING_CART, InboxFormat.plainPreview(order.preview())));
        if (order.items() != null) {
            for (MessageContent.OrderItem item : order.items()) {
                Label line = new Label(item.quantity() + " × " + item.productRetailerId()
                        + (item.itemPrice() != null ? "  " + item.currency() + " " + item.itemPrice().toPlainString() : ""));
                line.getStyleClass().add("order-line");
                box.getChildren().add(line);
            }
        }
        if (order.text() != null && !order.text().isBlank()) {
            box.getChildren().add(textLabel(order.text()));
        }
        return box;
    }

    private Node location(MessageContent.Location place) {
        String name = place.name() != null && !place.name().isBlank() ? place.name() : "Shared location";
        Label title = new Label(name);
        title.getStyleClass().add("chip-title");
        Label address = new Label(place.address() != null ? place.address()
                : String.format(java.util.Locale.ROOT, "%.5f, %.5f", place.latitude(), place.longitude()));
        address.getStyleClass().add("chip-detail");
        address.setWrapText(true);
        Hyperlink map = new Hyperlink("Open map");
        URI uri = URI.create(place.url() != null && place.url().startsWith("http") ? place.url()
                : String.format(java.util.Locale.ROOT, "https://www.openstreetmap.org/?mlat=%f&mlon=%f#map=17/%f/%f",
                place.latitude(), place.longitude(), place.latitude(), place.longitude()));
        map.setOnAction(e -> Thread.ofVirtual().start(() -> FileOpener.browse(uri)));
        return chip(Feather.MAP_PIN, new VBox(1, title, address, map));
    }

    private Node media(MessageView message, MessageContent.Media media) {
        VBox box = new VBox(4);
        boolean picture = media.kind() == MessageContent.MediaKind.IMAGE || media.kind() == MessageContent.MediaKind.STICKER;
        if (picture && message.mediaState() == MediaState.STORED) {
            box.getChildren().add(thumbnail(message, media));
        } else {
            box.getChildren().add(fileChip(message, media));
        }
        if (media.caption() != null && !media.caption().isBlank()) {
            box.getChildren().add(textLabel(media.caption()));
        }
        return box;
    }

    /** A fixed frame (a waiting icon, then the picture): the photo arrives after the cell is laid out, and a list cell does not grow later. */
    private static StackPane thumbnailFrame() {
        StackPane frame = new StackPane();
        frame.getStyleClass().add("thumbnail");
        frame.setMinSize(THUMBNAIL, THUMBNAIL * 0.75);
        frame.setPrefSize(THUMBNAIL, THUMBNAIL * 0.75);
        frame.setMaxSize(THUMBNAIL, THUMBNAIL * 0.75);
        Rectangle clip = new Rectangle(THUMBNAIL, THUMBNAIL * 0.75);
        clip.setArcWidth(14);
        clip.setArcHeight(14);
        frame.setClip(clip);
        FontIcon waiting = new FontIcon(Feather.IMAGE);
        waiting.getStyleClass().add("thumbnail-waiting");
        ImageView view = new ImageView();
        view.setPreserveRatio(true);
        view.setFitWidth(THUMBNAIL);
        view.setFitHeight(THUMBNAIL * 0.75);
        frame.getChildren().addAll(waiting, view);
        return frame;
    }

    private Node thumbnail(MessageView message, MessageContent.Media media) {
        StackPane frame = thumbnailFrame();
        FontIcon waiting = (FontIcon) frame.getChildren().get(0);
        ImageView view = (ImageView) frame.getChildren().get(1);
        frame.setOnMouseClicked(e -> openFile(message));
        frame.setCursor(javafx.scene.Cursor.HAND);
        Tooltip.install(frame, new Tooltip((media.kind() == MessageContent.MediaKind.STICKER ? "Sticker" : "Photo")
                + " · click to open"));
        model.mediaFile(message).whenComplete((file, error) -> Platform.runLater(() -> {
            if (error != null) {
                waiting.setIconCode(Feather.ALERT_TRIANGLE);
                Tooltip.install(frame, new Tooltip("The photo could not be downloaded: " + rootMessage(error)));
                return;
            }
            Image image = new Image(file.toUri().toString(), THUMBNAIL * 2, THUMBNAIL * 2, true, true, true);
            view.setImage(image);
            image.progressProperty().addListener((o, a, done) -> {
                if (done.doubleValue() >= 1 && !image.isError()) {
                    frame.getChildren().remove(waiting);
                }
            });
        }));
        return frame;
    }

    private Node fileChip(MessageView message, MessageContent.Media media) {
        String title = switch (media.kind()) {
            case DOCUMENT -> media.filename() != null && !media.filename().isBlank() ? media.filename() : "Document";
            case VOICE -> "Voice message";
            case AUDIO -> "Audio";
            case VIDEO -> "Video";
            case IMAGE -> "Photo";
            case STICKER -> "Sticker";
        };
        Label name = new Label(title);
        name.getStyleClass().add("chip-title");
        String detail = switch (message.mediaState() == null ? MediaState.PENDING : message.mediaState()) {
            case STORED -> join(InboxFormat.fileSize(media.fileSize()), media.mimeType() == null ? "" : media.mimeType().split(";")[0]);
            case PENDING -> "Arriving from " + (message.channelId() > 0 ? "Meta" : "the server") + "…";
            case FAILED -> "Meta's link expired before Orqestra could keep the file";
            case NOT_KEPT -> "Not kept, as Meta asks";
        };
        Label info = new Label(detail);
        info.getStyleClass().add("chip-detail");
        VBox text = new VBox(1, name, info);
        HBox.setHgrow(text, Priority.ALWAYS);
        Node chip = chip(InboxIcons.forMedia(media.kind()), text);
        if (message.mediaState() == MediaState.STORED) {
            Button open = new Button(null, new FontIcon(Feather.DOWNLOAD));
            open.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
            open.setTooltip(new Tooltip("Open " + title));
            open.setOnAction(e -> openFile(message));
            ((HBox) chip).getChildren().add(open);
        }
        return chip;
    }

    private static Node chip(org.kordamp.ikonli.Ikon icon, Node body) {
        FontIcon glyph = new FontIcon(icon);
        StackPane badge = new StackPane(glyph);
        badge.getStyleClass().add("chip-icon");
        HBox chip = new HBox(10, badge, body);
        chip.setAlignment(Pos.CENTER_LEFT);
        chip.getStyleClass().add("file-chip");
        return chip;
    }

    private void openFile(MessageView message) {
        model.mediaFile(message).thenAccept(FileOpener::open);
    }

    private Node footer(MessageItem item) {
        HBox footer = new HBox(4);
        footer.setAlignment(Pos.CENTER_RIGHT);
        footer.getStyleClass().add("bubble-footer");
        MessageView message = item.message();
        if (message != null && message.editedAt() != null) {
            Label edited = new Label("edited");
            edited.getStyleClass().add("bubble-meta");
            footer.getChildren().add(edited);
        }
        Label time = new Label(InboxFormat.bubbleTime(item.time(), Instant.now(), ZoneId.systemDefault()));
        time.getStyleClass().add("bubble-meta");
        footer.getChildren().add(time);
        MessageStatus status = item.status();
        if (item.direction() == Direction.OUTBOUND && status != null) {
            footer.getChildren().add(tick(item.isRefused() ? MessageStatus.FAILED : status));
        }
        return footer;
    }

    static Node tick(MessageStatus status) {
        Node tick;
        if (status == MessageStatus.DELIVERED || status == MessageStatus.READ || status == MessageStatus.PLAYED) {
            FontIcon first = new FontIcon(Feather.CHECK);
            FontIcon second = new FontIcon(Feather.CHECK);
            HBox pair = new HBox(-8, first, second);
            pair.setAlignment(Pos.CENTER);
            tick = pair;
        } else {
            tick = new FontIcon(InboxIcons.forStatus(status));
        }
        tick.getStyleClass().addAll("tick", "tick-" + status.name().toLowerCase(java.util.Locale.ROOT));
        Label holder = new Label(null, tick);
        holder.getStyleClass().add("tick-holder");
        holder.setTooltip(new Tooltip(InboxIcons.describe(status)));
        return holder;
    }

    private static Label failure(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        label.setGraphic(new FontIcon(Feather.ALERT_CIRCLE));
        label.getStyleClass().add("bubble-failure");
        label.setMinHeight(Region.USE_PREF_SIZE);
        return label;
    }

    private static Node reactions(List<ReactionView> reactions) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (ReactionView reaction : reactions) {
            if (reaction.emoji() != null && !reaction.emoji().isBlank()) {
                counts.merge(reaction.emoji(), 1, Integer::sum);
            }
        }
        StringBuilder text = new StringBuilder();
        counts.forEach((emoji, count) -> text.append(emoji).append(count > 1 ? " " + count : "").append("  "));
        Label pill = new Label(text.toString().strip());
        pill.getStyleClass().add("reaction-pill");
        pill.setTooltip(new Tooltip(reactions.stream()
                .map(r -> (r.reactor() == null ? "Someone" : r.reactor().startsWith("customer") ? "Customer"
                        : r.reactor().startsWith("business") ? "Your business" : "A teammate") + " reacted " + r.emoji())
                .reduce((a, b) -> a + "\n" + b).orElse("")));
        return pill;
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + " · " + b;
    }

    private static String rootMessage(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }

}
