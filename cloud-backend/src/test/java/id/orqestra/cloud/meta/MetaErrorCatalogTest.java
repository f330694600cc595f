package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.MetaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** Meta's error codes map to one action and one sentence each, for send answers and webhooks alike. */
class MetaErrorCatalogTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "131047, FAIL", "131026, FAIL", "131049, FAIL", "131056, SLOW_DOWN_RECIPIENT", "130429, SLOW_DOWN_CHANNEL",
            "130472, FAIL", "131014, FAIL", "131030, FAIL", "132000, FAIL", "132001, FAIL", "133010, FAIL",
            "190, FAIL_TOKEN_INVALID", "100, FAIL", "10, FAIL", "4, SLOW_DOWN_CHANNEL", "200, FAIL", "250, FAIL",
            "131000, RETRY", "2, RETRY"})
    void everyRequiredCodeHasItsActionAndASentenceNamingTheCode(int code, MetaErrorCatalog.Action action) {
        MetaErrorCatalog.Entry entry = MetaErrorCatalog.lookup(code, null, 400, "whatever Meta said");
        assertThat(entry.action()).isEqualTo(action);
        assertThat(entry.sentence()).contains("error " + code).endsWith(".");
        assertThat(entry.sentence().length()).isBetween(40, 400);
    }

    @Test
    void unknownCodesFallBackOnTheHttpStatus() {
        assertThat(MetaErrorCatalog.lookup(null, null, 503, null).action()).isEqualTo(MetaErrorCatalog.Action.RETRY);
        assertThat(MetaErrorCatalog.lookup(999999, null, 502, null).action()).isEqualTo(MetaErrorCatalog.Action.RETRY);
        assertThat(MetaErrorCatalog.lookup(null, null, 429, null).action())
                .isEqualTo(MetaErrorCatalog.Action.SLOW_DOWN_CHANNEL);
        assertThat(MetaErrorCatalog.lookup(null, null, 401, null).action())
                .isEqualTo(MetaErrorCatalog.Action.FAIL_TOKEN_INVALID);
        MetaErrorCatalog.Entry unknown = MetaErrorCatalog.lookup(424242, null, 400, "Something new");
        assertThat(unknown.action()).isEqualTo(MetaErrorCatalog.Action.FAIL);
        assertThat(unknown.sentence()).isEqualTo("Meta refused the message (error 424242): Something new");
    }

    @Test
    void invalidParameterErrorsCarryMetasDetails() {
        assertThat(MetaErrorCatalog.lookup(100, null, 400, "The parameter to is required.").sentence())
                .isEqualTo("Meta rejected a field of this message as invalid (error 100): The parameter to is required.");
    }

    @Test
    void instagramsWindowSubcodeGetsItsOwnSentence() {
        MetaErrorCatalog.Entry entry = MetaErrorCatalog.lookup(10, 2534022, 400, "outside of allowed window");
        assertThat(entry.action()).isEqualTo(MetaErrorCatalog.Action.FAIL);
        assertThat(entry.sentence()).contains("7 days");
    }

    @Test
    void webhookErrorsGetTheSentenceAndKeepMetasWords() {
        MetaError fromWebhook = new MetaError(131047, "Re-engagement message", "Re-engagement message",
                "Message failed to send because more than 24 hours have passed", "https://developers.facebook.com/");
        MetaError explained = MetaErrorCatalog.explain(fromWebhook);
        assertThat(explained.details()).isEqualTo(fromWebhook.details());
        assertThat(explained.bestText()).contains("accepts only a template");
        MetaError unknown = new MetaError(777, "t", "m", "d", null);
        assertThat(MetaErrorCatalog.explain(unknown)).isEqualTo(unknown);
    }
}
