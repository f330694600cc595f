package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.Platform;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.List;
import java.util.Locale;

/** How the inbox writes times, channels and one-line previews. Pure functions, so they are tested without UI. */
public final class InboxFormat {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");
    private static final DateTimeFormatter DAY_MONTH = DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH);
    private static final DateTimeFormatter FULL_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);
    /** The pictures the shared model puts in front of previews; the list shows an icon instead (fonts without emoji show boxes). */
    private static final List<String> KIND_MARKS = List.of("📷 ", "🎵 ", "🎤 ", "🎬 ", "📄 ", "📍 ", "👤 ", "🛒 ", "🔗 ", "💬 ");

    private InboxFormat() {
    }

    /** "14:05" today, "Yesterday", a weekday within the week, "3 Dec" this year, else "3 Dec 2025". */
    public static String listTime(long epochMillis, Instant now, ZoneId zone) {
        if (epochMillis <= 0) {
            return "";
        }
        ZonedDateTime at = Instant.ofEpochMilli(epochMillis).atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = at.toLocalDate();
        if (day.equals(today)) {
            return CLOCK.format(at);
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday";
        }
        if (day.isAfter(today.minusDays(7)) && day.isBefore(today)) {
            return at.getDayOfWeek().getDisplayName(TextStyle.FULL, Locale.ENGLISH);
        }
        return day.getYear() == today.getYear() ? DAY_MONTH.format(at) : FULL_DATE.format(at);
    }

    /**
     * A bubble's time: the clock alone today, with the day before it otherwise ("Yesterday 14:05", "Mon 14:05",
     * "3 Dec 14:05"), so that two "14:05" days apart are not taken for the same afternoon.
     */
    public static String bubbleTime(Instant at, Instant now, ZoneId zone) {
        if (at == null) {
            return "";
        }
        ZonedDateTime when = at.atZone(zone);
        LocalDate today = now.atZone(zone).toLocalDate();
        LocalDate day = when.toLocalDate();
        String clock = CLOCK.format(when);
        if (day.equals(today) || day.isAfter(today)) {
            return clock;
        }
        if (day.equals(today.minusDays(1))) {
            return "Yesterday " + clock;
        }
        if (day.isAfter(today.minusDays(7))) {
            return when.getDayOfWeek().getDisplayName(TextStyle.SHORT, Locale.ENGLISH) + " " + clock;
        }
        return (day.getYear() == today.getYear() ? DAY_MONTH.format(when) : FULL_DATE.format(when)) + " " + clock;
    }

    /** The kind mark at the start of a preview ("📷 "), or "" when there is none. */
    public static String kindMark(String preview) {
        if (preview == null) {
            return "";
        }
        return KIND_MARKS.stream().filter(preview::startsWith).findFirst().orElse("");
    }

    /** The preview without its kind mark, on one line. */
    public static String plainPreview(String preview) {
        if (preview == null) {
            return "";
        }
        String text = preview.substring(kindMark(preview).length());
        return text.replace('\n', ' ').strip();
    }

    /** What a tapped button, a picked list row or a finished WhatsApp Flow says in its bubble. */
    public static String interactiveReply(MessageContent.InteractiveReply reply) {
        return reply.kind() == MessageContent.InteractiveKind.FLOW ? reply.preview() : "Chose: " + reply.preview();
    }

    public static String channelName(ChannelView channel) {
        if (channel.name() != null && !channel.name().isBlank()) {
            return channel.name();
        }
        if (channel.platform() == Platform.WHATSAPP && channel.displayPhoneNumber() != null) {
            return "+" + channel.displayPhoneNumber();
        }
        return channel.igUsername() != null ? "@" + channel.igUsername() : "Channel " + channel.id();
    }

    /** A file size people read: "820 KB", "2.4 MB". */
    public static String fileSize(Long bytes) {
        if (bytes == null || bytes <= 0) {
            return "";
        }
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
