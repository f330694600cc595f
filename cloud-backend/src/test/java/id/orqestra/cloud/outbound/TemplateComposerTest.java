package id.orqestra.cloud.outbound;

import com.fasterxml.jackson.databind.JsonNode;
import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.outbound.TemplateView;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Template values checked against the definition, and the components built per type. */
class TemplateComposerTest {

    static TemplateComposer.Definition definition(String name, String format, String components) {
        return new TemplateComposer.Definition(1, "770000000000001", name, "id", "APPROVED", "UTILITY", "GREEN", format,
                Json.read(components, JsonNode.class), null, Instant.EPOCH);
    }

    static final TemplateComposer.Definition ORDER_UPDATE = definition("order_update", "POSITIONAL", """
            [{"type":"HEADER","format":"TEXT","text":"Pesanan {{1}}"},
             {"type":"BODY","text":"Halo {{1}}, dikirim dengan {{2}}."},
             {"type":"FOOTER","text":"Kopi Senja"},
             {"type":"BUTTONS","buttons":[{"type":"URL","text":"Lacak","url":"https://k.example/{{1}}"},
                                          {"type":"QUICK_REPLY","text":"Oke"},
                                          {"type":"COPY_CODE","example":"SENJA"}]}]""");

    static InboxRequests.TemplateParameter value(String text) {
        return new InboxRequests.TemplateParameter(null, text);
    }

    static TemplateComposer.Composed compose(TemplateComposer.Definition d, InboxRequests.TemplateMessage m) {
        return TemplateComposer.compose(d, m, id -> Optional.empty());
    }

    @Test
    void theViewListsPlaceholdersAndWhichButtonsTakeAValue() {
        TemplateView view = TemplateComposer.view(ORDER_UPDATE);
        assertThat(view.header().parameters()).containsExactly("1");
        assertThat(view.bodyParameters()).containsExactly("1", "2");
        assertThat(view.buttons()).extracting(TemplateView.Button::takesValue).containsExactly(true, true, true);
        assertThat(view.buttons().get(2).text()).isEqualTo("Copy offer code");
    }

    @Test
    void componentsAreBuiltPerTypeAndTheTextIsRendered() {
        TemplateComposer.Composed composed = compose(ORDER_UPDATE, new InboxRequests.TemplateMessage("order_update", "id",
                List.of(value("KS-1")), null, List.of(value("Dewi"), value("JNE")),
                List.of(new InboxRequests.TemplateButton(0, "KS-1"), new InboxRequests.TemplateButton(2, "SENJA15"))));
        JsonNode components = composed.template().path("components");
        assertThat(components).extracting(c -> c.path("type").asText() + "/" + c.path("sub_type").asText(""))
                .containsExactly("header/", "body/", "button/url", "button/copy_code");
        assertThat(components.get(3).path("parameters").get(0).path("coupon_code").asText()).isEqualTo("SENJA15");
        assertThat(composed.rendered()).isEqualTo("Pesanan KS-1\nHalo Dewi, dikirim dengan JNE.\nKopi Senja");
    }

    @Test
    void countsNamesAndRequiredButtonsAreChecked() {
        assertThatThrownBy(() -> compose(ORDER_UPDATE, new InboxRequests.TemplateMessage("order_update", "id",
                List.of(value("KS-1")), null, List.of(value("Dewi")), List.of())))
                .isInstanceOf(ApiException.class)
                .hasMessage("The body of template order_update has 2 placeholders but 1 value was given.");
        assertThatThrownBy(() -> compose(ORDER_UPDATE, new InboxRequests.TemplateMessage("order_update", "id",
                List.of(), null, List.of(value("Dewi"), value("JNE")), List.of())))
                .hasMessage("The header of template order_update has 1 placeholder but 0 values were given.");
        assertThatThrownBy(() -> compose(ORDER_UPDATE, new InboxRequests.TemplateMessage("order_update", "id",
                List.of(value("KS-1")), null, List.of(value("Dewi"), value("JNE")), List.of())))
                .hasMessageContaining("Button 0 (Lacak) of template order_update needs a value");
        assertThatThrownBy(() -> compose(ORDER_UPDATE, new InboxRequests.TemplateMessage("order_update", "id",
                List.of(value("KS-1")), null, List.of(value("Dewi"), value("JNE")),
                List.of(new InboxRequests.TemplateButton(5, "x")))))
                .hasMessage("Template order_update has 3 buttons; there is no button 5.");

        TemplateComposer.Definition named = definition("welcome_back", "NAMED",
                "[{\"type\":\"BODY\",\"text\":\"Hai {{first_name}}, kode {{code}}.\"}]");
        assertThatThrownBy(() -> compose(named, new InboxRequests.TemplateMessage("welcome_back", "id", null, null,
                List.of(new InboxRequests.TemplateParameter("first_name", "Dewi"),
                        new InboxRequests.TemplateParameter("kode", "X")), null)))
                .hasMessage("The body of template welcome_back needs a value for code.");
    }

    @Test
    void aMediaHeaderNeedsMediaOfItsFormat() {
        TemplateComposer.Definition restock = definition("restock_alert", "POSITIONAL",
                "[{\"type\":\"HEADER\",\"format\":\"DOCUMENT\"},{\"type\":\"BODY\",\"text\":\"Katalog terbaru.\"}]");
        TemplateComposer.Composed composed = compose(restock, new InboxRequests.TemplateMessage("restock_alert", "id", null,
                new InboxRequests.OutgoingMedia("document", null, "https://k.example/katalog.pdf", null, "Katalog.pdf"),
                null, null));
        JsonNode parameter = composed.template().path("components").get(0).path("parameters").get(0);
        assertThat(parameter.path("type").asText()).isEqualTo("document");
        assertThat(parameter.path("document").path("link").asText()).isEqualTo("https://k.example/katalog.pdf");
        assertThat(parameter.path("document").path("filename").asText()).isEqualTo("Katalog.pdf");
        assertThatThrownBy(() -> compose(restock, new InboxRequests.TemplateMessage("restock_alert", "id", null,
                new InboxRequests.OutgoingMedia("image", null, "https://k.example/a.jpg", null, null), null, null)))
                .hasMessage("Template restock_alert needs document in its header, not image.");
    }
}
