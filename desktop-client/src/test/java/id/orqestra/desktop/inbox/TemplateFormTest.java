package id.orqestra.desktop.inbox;

import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.outbound.TemplateView;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A template's variables, their checks, the preview and the send, with no UI. */
class TemplateFormTest {

    /** The demo's order_update: a text header with {{1}}, two body values, a link button ending in {{1}}. */
    static TemplateView orderUpdate() {
        return new TemplateView(1298450367712048L, "318640572910384", "order_update", "id", "APPROVED", "UTILITY", "GREEN",
                "POSITIONAL", new TemplateView.Header("TEXT", "Pesanan {{1}}", List.of("1")),
                "Pesanan kamu sedang dalam perjalanan bersama {{1}}. Perkiraan tiba {{2}}.", List.of("1", "2"), null,
                List.of(new TemplateView.Button(0, "URL", "Lacak paket", "https://kopisenja.example/lacak/{{1}}", null, true)),
                null, null);
    }

    /** The demo's welcome_back: named values and a code to copy. */
    static TemplateView welcomeBack() {
        return new TemplateView(1298450367712049L, "318640572910384", "welcome_back", "id", "APPROVED", "MARKETING", "GREEN",
                "NAMED", null, "Hai {{first_name}}, kami kangen! Pakai kode {{promo_code}} untuk diskon 15% minggu ini.",
                List.of("first_name", "promo_code"), null,
                List.of(new TemplateView.Button(0, "COPY_CODE", "Copy offer code", null, null, true)), null, null);
    }

    /** The demo's restock_alert: a picture header, one body value, two quick replies. */
    static TemplateView restockAlert() {
        return new TemplateView(1298450367712047L, "318640572910384", "restock_alert", "id", "APPROVED", "MARKETING", "YELLOW",
                "POSITIONAL", new TemplateView.Header("IMAGE", null, List.of()),
                "Kabar baik! {{1}} sudah tersedia lagi. Stok terbatas, pesan sebelum kehabisan ya.", List.of("1"),
                "Balas STOP untuk berhenti menerima promo",
                List.of(new TemplateView.Button(0, "QUICK_REPLY", "Pesan sekarang", null, null, true),
                        new TemplateView.Button(1, "QUICK_REPLY", "Berhenti promo", null, null, true)), null, null);
    }

    @Test
    void theFieldsAreTheHeaderBodyAndButtonValuesInOrder() {
        assertThat(TemplateForm.fields(orderUpdate())).extracting(TemplateForm.Field::key)
                .containsExactly("header:1", "body:1", "body:2", "button:0");
        assertThat(TemplateForm.fields(orderUpdate()).getLast().label()).isEqualTo("End of the link of “Lacak paket”");
        assertThat(TemplateForm.fields(orderUpdate()).getLast().hint()).isEqualTo("https://kopisenja.example/lacak/{{1}}");
        // each body value is shown in the words around it
        assertThat(TemplateForm.fields(orderUpdate()).get(1).label()).isEqualTo("Body {{1}}");
        assertThat(TemplateForm.fields(orderUpdate()).get(1).hint()).isEqualTo("…dalam perjalanan bersama {{1}}. Perkiraan tiba {{2}}.");
        // quick replies may carry a payload but need none
        assertThat(TemplateForm.fields(restockAlert())).filteredOn(f -> f.part() == TemplateForm.Part.BUTTON)
                .allSatisfy(f -> assertThat(f.required()).isFalse());
        assertThat(TemplateForm.headerMediaFormat(restockAlert())).isEqualTo("IMAGE");
        assertThat(TemplateForm.headerMediaFormat(orderUpdate())).isNull();
    }

    @Test
    void eachValueIsCheckedAsTheServerChecksIt() {
        TemplateForm.Field body = TemplateForm.fields(orderUpdate()).get(1);
        assertThat(TemplateForm.problem(body, "  ")).isEqualTo("Fill this in.");
        assertThat(TemplateForm.problem(body, "JNE\nregular")).contains("No line breaks");
        assertThat(TemplateForm.problem(body, "JNE     regular")).contains("more than four spaces");
        assertThat(TemplateForm.problem(body, "x".repeat(1025))).isEqualTo("At most 1,024 characters; this has 1,025.");
        assertThat(TemplateForm.problem(body, "JNE")).isNull();
        TemplateForm.Field quickReply = TemplateForm.fields(restockAlert()).get(1);
        assertThat(TemplateForm.problem(quickReply, "")).isNull();
    }

    @Test
    void thePreviewFillsWhatIsTypedAndLeavesTheRestVisible() {
        TemplateForm.Preview half = TemplateForm.preview(orderUpdate(), Map.of("header:1", "KS-2041", "body:1", "JNE"));
        assertThat(half.rendered()).isEqualTo("Pesanan KS-2041\nPesanan kamu sedang dalam perjalanan bersama JNE. "
                + "Perkiraan tiba {{2}}.");
        assertThat(half.buttons()).containsExactly("Lacak paket");

        TemplateForm.Preview named = TemplateForm.preview(welcomeBack(), Map.of("body:first_name", "Dewi"));
        assertThat(named.rendered()).isEqualTo("Hai Dewi, kami kangen! Pakai kode {{promo_code}} untuk diskon 15% minggu ini.");
        assertThat(TemplateForm.preview(restockAlert(), Map.of()).rendered()).endsWith("\nBalas STOP untuk berhenti menerima promo");
    }

    @Test
    void theSendCarriesPositionalValuesInOrderAndNamedOnesByName() {
        InboxRequests.TemplateMessage positional = TemplateForm.message(orderUpdate(),
                Map.of("header:1", " KS-2041 ", "body:1", "JNE", "body:2", "besok sore", "button:0", "KS-2041"));
        assertThat(positional.name()).isEqualTo("order_update");
        assertThat(positional.language()).isEqualTo("id");
        assertThat(positional.header()).containsExactly(new InboxRequests.TemplateParameter(null, "KS-2041"));
        assertThat(positional.body()).containsExactly(new InboxRequests.TemplateParameter(null, "JNE"),
                new InboxRequests.TemplateParameter(null, "besok sore"));
        assertThat(positional.buttons()).containsExactly(new InboxRequests.TemplateButton(0, "KS-2041"));

        InboxRequests.TemplateMessage named = TemplateForm.message(welcomeBack(),
                Map.of("body:first_name", "Dewi", "body:promo_code", "SENJA15", "button:0", "SENJA15"));
        assertThat(named.body()).containsExactly(new InboxRequests.TemplateParameter("first_name", "Dewi"),
                new InboxRequests.TemplateParameter("promo_code", "SENJA15"));
        assertThat(named.header()).isNull();

        // an optional quick-reply payload left empty is not sent at all
        assertThat(TemplateForm.message(restockAlert(), Map.of("body:1", "Arabika Gayo")).buttons()).isNull();
    }

    @Test
    void templatesThatCannotBeSentFromHereSaySo() {
        TemplateView rejected = new TemplateView(1, "w", "promo", "id", "REJECTED", "MARKETING", null, "POSITIONAL", null,
                "Promo {{1}}", List.of("1"), null, List.of(), "INVALID_FORMAT", null);
        assertThat(TemplateForm.unusable(rejected)).isEqualTo("This template is rejected; WhatsApp sends only approved templates.");
        TemplateView located = new TemplateView(2, "w", "visit", "id", "APPROVED", "UTILITY", null, "POSITIONAL",
                new TemplateView.Header("LOCATION", null, List.of()), "Datang ya", List.of(), null, List.of(), null, null);
        assertThat(TemplateForm.unusable(located)).contains("location");
        assertThat(TemplateForm.unusable(orderUpdate())).isNull();
    }
}
