package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.MessageContent;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class InboxFormatTest {

    static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z"); // Thursday 14:00 in Jakarta

    @Test
    void aFinishedFlowSaysItIsAFormReplyNotItsSubmitCaption() {
        var flow = new MessageContent.InteractiveReply(MessageContent.InteractiveKind.FLOW, "flow", "Sent", null, "{\"rating\":\"5\"}");
        var button = new MessageContent.InteractiveReply(MessageContent.InteractiveKind.BUTTON, "yes", "Ya, kirim", null, null);
        assertThat(InboxFormat.interactiveReply(flow)).isEqualTo("Form reply");
        assertThat(InboxFormat.interactiveReply(button)).isEqualTo("Chose: Ya, kirim");
    }

    @Test
    void listTimesGetCoarserWithAge() {
        assertThat(InboxFormat.listTime(Instant.parse("2026-12-03T02:05:00Z").toEpochMilli(), NOW, JAKARTA)).isEqualTo("09:05");
        assertThat(InboxFormat.listTime(Instant.parse("2026-12-02T02:05:00Z").toEpochMilli(), NOW, JAKARTA)).isEqualTo("Yesterday");
        assertThat(InboxFormat.listTime(Instant.parse("2026-11-30T02:05:00Z").toEpochMilli(), NOW, JAKARTA)).isEqualTo("Monday");
        assertThat(InboxFormat.listTime(Instant.parse("2026-10-01T02:05:00Z").toEpochMilli(), NOW, JAKARTA)).isEqualTo("1 Oct");
        assertThat(InboxFormat.listTime(Instant.parse("2025-10-01T02:05:00Z").toEpochMilli(), NOW, JAKARTA)).isEqualTo("1 Oct 2025");
        assertThat(InboxFormat.listTime(0, NOW, JAKARTA)).isEmpty();
    }

    @Test
    void bubbleTimesSayTheDayUnlessItIsToday() {
        assertThat(InboxFormat.bubbleTime(Instant.parse("2026-12-03T02:05:00Z"), NOW, JAKARTA)).isEqualTo("09:05");
        assertThat(InboxFormat.bubbleTime(Instant.parse("2026-12-02T02:05:00Z"), NOW, JAKARTA)).isEqualTo("Yesterday 09:05");
        assertThat(InboxFormat.bubbleTime(Instant.parse("2026-11-30T02:05:00Z"), NOW, JAKARTA)).isEqualTo("Mon 09:05");
        assertThat(InboxFormat.bubbleTime(Instant.parse("2026-10-01T02:05:00Z"), NOW, JAKARTA)).isEqualTo("1 Oct 09:05");
        assertThat(InboxFormat.bubbleTime(Instant.parse("2025-10-01T02:05:00Z"), NOW, JAKARTA)).isEqualTo("1 Oct 2025 09:05");
        assertThat(InboxFormat.bubbleTime(Instant.parse("2026-12-01T02:05:00Z"), NOW, JAKARTA)).isEqualTo("Tue 09:05");
        assertThat(InboxFormat.bubbleTime(null, NOW, JAKARTA)).isEmpty();
    }

    @Test
    void previewsLoseTheirKindMarkAndLineBreaks() {
        assertThat(InboxFormat.kindMark("📷 Photo: penyok")).isEqualTo("📷 ");
        assertThat(InboxFormat.plainPreview("📷 Photo: penyok")).isEqualTo("Photo: penyok");
        assertThat(InboxFormat.plainPreview("Halo\nkak")).isEqualTo("Halo kak");
        assertThat(InboxFormat.kindMark("Halo 📷")).isEmpty();
        assertThat(InboxFormat.fileSize(840_000L)).isEqualTo("820 KB");
        assertThat(InboxFormat.fileSize(2_516_582L)).isEqualTo("2.4 MB");
        assertThat(InboxFormat.fileSize(null)).isEmpty();
    }
}
