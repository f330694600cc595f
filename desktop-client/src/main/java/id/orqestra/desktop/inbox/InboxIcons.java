package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import javafx.css.PseudoClass;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The line icons the inbox draws for message kinds and delivery states. */
final class InboxIcons {

    static final PseudoClass UNREAD = PseudoClass.getPseudoClass("unread");

    private InboxIcons() {
    }

    static Ikon forKindMark(String mark) {
        return switch (mark.strip()) {
            case "📷" -> Feather.CAMERA;
            case "🎵" -> Feather.MUSIC;
            case "🎤" -> Feather.MIC;
            case "🎬" -> Feather.VIDEO;
            case "📄" -> Feather.FILE_TEXT;
            case "📍" -> Feather.MAP_PIN;
            case "👤" -> Feather.USER;
            case "🛒" -> Feather.SHOPPING_CART;
            case "🔗" -> Feather.LINK;
            case "💬" -> Feather.MESSAGE_CIRCLE;
            default -> Feather.MESSAGE_SQUARE;
        };
    }

    static Ikon forMedia(MessageContent.MediaKind kind) {
        return switch (kind) {
            case IMAGE, STICKER -> Feather.IMAGE;
            case AUDIO -> Feather.MUSIC;
            case VOICE -> Feather.MIC;
            case VIDEO -> Feather.VIDEO;
            case DOCUMENT -> Feather.FILE_TEXT;
        };
    }

    static Ikon forStatus(MessageStatus status) {
        return switch (status) {
            case PENDING, QUEUED, SENDING -> Feather.CLOCK;
            case SENT -> Feather.CHECK;
            case DELIVERED, READ, PLAYED -> Feather.CHECK;
            case FAILED -> Feather.ALERT_CIRCLE;
            case DELETED -> Feather.SLASH;
        };
    }

    /** Words for the tick's tooltip. */
    static String describe(MessageStatus status) {
        return switch (status) {
            case PENDING -> "Waiting to be sent: it goes out as soon as Orqestra is connected";
            case QUEUED -> "Stored by Orqestra, waiting to go out to the customer";
            case SENDING -> "Sending";
            case SENT -> "Sent";
            case DELIVERED -> "Delivered";
            case READ -> "Read";
            case PLAYED -> "Played";
            case FAILED -> "Not delivered";
            case DELETED -> "Deleted";
        };
    }
}
