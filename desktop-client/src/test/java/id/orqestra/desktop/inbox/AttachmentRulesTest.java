package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.MessageContent.MediaKind;
import id.orqestra.model.inbox.Platform;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which files can be sent, refused in words before anything is uploaded. */
class AttachmentRulesTest {

    @Test
    void knownTypesGoAsTheirKindWithTheirType() {
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "label-paket.JPG", 800_000))
                .isEqualTo(new AttachmentRules.Verdict(MediaKind.IMAGE, "image/jpeg", null));
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "invoice.pdf", 2_000_000).kind()).isEqualTo(MediaKind.DOCUMENT);
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "voice.ogg", 90_000).kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "sticker.webp", 90_000).kind()).isEqualTo(MediaKind.STICKER);
    }

    @Test
    void tooLargeAndUnknownFilesAreRefusedInWords() {
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "photo.png", 6 * AttachmentRules.MB).refusal())
                .isEqualTo("WhatsApp sends pictures up to 5.0 MB; photo.png is 6.0 MB.");
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "backup.zip", 1000).refusal())
                .isEqualTo("WhatsApp cannot send .zip files. " + AttachmentRules.WHAT_GOES);
        assertThat(AttachmentRules.check(Platform.WHATSAPP, "empty.pdf", 0).refusal()).isEqualTo("empty.pdf is empty.");
        assertThat(AttachmentRules.check(Platform.INSTAGRAM, "photo.jpg", 1000).refusal())
                .startsWith("Instagram takes attachments only from public web links");
    }

    @Test
    void aTemplatesHeaderTakesOnlyItsOwnKindOfFile() {
        assertThat(AttachmentRules.checkHeader("IMAGE", "restock.png", 300_000).accepted()).isTrue();
        assertThat(AttachmentRules.checkHeader("IMAGE", "brochure.pdf", 300_000).refusal())
                .isEqualTo("This template starts with a picture: choose a JPEG or PNG file.");
        assertThat(AttachmentRules.checkHeader("DOCUMENT", "menu.pdf", 101 * AttachmentRules.MB).refusal())
                .startsWith("WhatsApp sends documents up to 100.0 MB");
        // within WhatsApp's limit, above what the backend takes in one upload
        assertThat(AttachmentRules.checkHeader("DOCUMENT", "katalog.pdf", 40 * AttachmentRules.MB).refusal())
                .isEqualTo("Orqestra sends files up to 32.0 MB; katalog.pdf is 40.0 MB. Share a link to it instead.");
        assertThat(AttachmentRules.checkHeader("DOCUMENT", "katalog.pdf", 20 * AttachmentRules.MB).accepted()).isTrue();
    }
}
