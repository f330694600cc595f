package id.orqestra.cloud.meta;

import id.orqestra.cloud.meta.MetaEvent.AccountNotice;
import id.orqestra.cloud.meta.MetaEvent.MessageDeleted;
import id.orqestra.cloud.meta.MetaEvent.MessageEdited;
import id.orqestra.cloud.meta.MetaEvent.MessageReceived;
import id.orqestra.cloud.meta.MetaEvent.ReactionChanged;
import id.orqestra.cloud.meta.MetaEvent.StatusChanged;
import id.orqestra.cloud.meta.testing.Fixtures;
import id.orqestra.model.inbox.Direction;
import id.orqestra.model.inbox.MessageContent;
import id.orqestra.model.inbox.MessageStatus;
import id.orqestra.model.inbox.MetaError;
import id.orqestra.model.inbox.Platform;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Focused behaviour of the parser, on our samples and on small bodies written here. */
class MetaWebhookParserTest {

    private static ParsedDelivery sample(String name) {
        Fixtures.Fixture fixture = Fixtures.sample(name);
        return MetaWebhookParser.parse(fixture.endpoint(), fixture.body());
    }

    private static List<MetaEvent> events(ParsedDelivery delivery) {
        return delivery.changes().stream().flatMap(c -> c.events().stream()).toList();
    }

    private static <T extends MetaEvent> T only(ParsedDelivery delivery, Class<T> type) {
        List<MetaEvent> events = events(delivery);
        assertThat(events).hasSize(1);
        assertThat(events.getFirst()).isInstanceOf(type);
        return type.cast(events.getFirst());
    }

    @Nested
    class Malformed {

        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "not json", "{\"object\": \"instagram\",", "{} trailing",
                "{\"a\": [1, 2,]}", "{\"emoji\": \"\\u{2764}\"}"})
        void a_body_that_is_not_json_is_malformed_with_a_reason(String body) {
            ParsedDelivery delivery = MetaWebhookParser.parse(Platform.WHATSAPP, body);

            assertThat(delivery.malformed()).isTrue();
            assertThat(delivery.malformedReason()).isNotBlank();
            assertThat(delivery.changes()).isEmpty();
            assertThat(delivery.platform()).isEqualTo(Platform.WHATSAPP);
        }

        @Test
        void a_null_body_does_not_throw() {
            assertThat(MetaWebhookParser.parse(Platform.INSTAGRAM, null).malformed()).isTrue();
        }

        @ParameterizedTest
        @ValueSource(strings = {"[1, 2]", "42", "\"text\"", "{}", "{\"object\": \"instagram\", \"entry\": []}",
                "{\"object\": \"whatsapp_business_account\", \"entry\": {}}"})
        void json_that_is_not_a_webhook_is_kept_as_unsupported_on_no_route(String body) {
            ParsedDelivery delivery = MetaWebhookParser.parse(Platform.WHATSAPP, body);

            assertThat(delivery.malformed()).isFalse();
            assertThat(delivery.changes()).singleElement().satisfies(change -> {
                assertThat(change.route()).isEqualTo(Route.NONE);
                assertThat(change.rawJson()).isNotBlank();
                assertThat(change.events()).singleElement().isInstanceOfSatisfying(MetaEvent.Unsupported.class,
                        u -> assertThat(u.kind()).isEqualTo("body"));
            });
        }

        @Test
        void an_object_that_is_neither_whatsapp_nor_instagram_is_unsupported() {
            ParsedDelivery delivery = MetaWebhookParser.parse(Platform.INSTAGRAM,
                    "{\"object\": \"permissions\", \"entry\": [{\"id\": \"1\", \"changes\": []}]}");

            MetaEvent.Unsupported unsupported = only(delivery, MetaEvent.Unsupported.class);
            assertThat(unsupported.kind()).isEqualTo("object");
            assertThat(unsupported.reason()).contains("permissions");
        }
    }

    @Nested
    class Unknown {

        @Test
        void an_unknown_whatsapp_field_is_kept_with_its_raw_json_on_the_account_route() {
            ParsedDelivery delivery = sample("whatsapp/wa-unknown-field.json");

            ParsedChange change = delivery.changes().getFirst();
            assertThat(change.route()).isEqualTo(Route.whatsAppBusinessAccount("318640572910384"));
            assertThat(change.field()).isEqualTo("security");
            MetaEvent.Unsupported unsupported = only(delivery, MetaEvent.Unsupported.class);
            assertThat(unsupported.kind()).isEqualTo("security");
            assertThat(unsupported.rawJson()).contains("PIN_CHANGED").isEqualTo(change.rawJson());
        }

        @Test
        void an_unknown_instagram_messaging_item_is_unsupported_with_the_item_json() {
            ParsedDelivery delivery = sample("instagram/ig-unknown-messaging-item.json");

            MetaEvent.Unsupported unsupported = only(delivery, MetaEvent.Unsupported.class);
            assertThat(unsupported.kind()).isEqualTo("messaging");
            assertThat(unsupported.rawJson()).contains("pass_thread_control").doesNotContain("\"entry\"");
            assertThat(delivery.changes().getFirst().route()).isEqualTo(Route.instagramAccount("17841468235500917"));
        }

        @Test
        void an_empty_instagram_entry_is_unsupported_not_dropped() {
            MetaEvent.Unsupported unsupported = only(sample("instagram/ig-entry-without-messaging.json"), MetaEvent.Unsupported.class);
            assertThat(unsupported.kind()).isEqualTo("entry");
        }

        @Test
        void an_unknown_message_type_is_a_message_with_unsupported_content_carrying_metas_error() {
            MessageReceived poll = only(sample("whatsapp/wa-unsupported-poll.json"), MessageReceived.class);
            assertThat(poll.content()).isEqualTo(new MessageContent.Unsupported("poll", 131051, "Message type unknown",
                    "Message type is currently not supported."));

            MessageReceived legacy = only(sample("whatsapp/wa-unknown-type-legacy-errors.json"), MessageReceived.class);
            assertThat(legacy.content()).isEqualTo(new MessageContent.Unsupported("unknown", 131051,
                    "Unsupported message type", "Message type is not currently supported"));

            MessageReceived unhandled = only(sample("whatsapp/wa-type-not-handled.json"), MessageReceived.class);
            assertThat(unhandled.content()).isEqualTo(new MessageContent.Unsupported("request_welcome", null, null, null));
        }

        @Test
        void one_odd_item_never_loses_its_siblings() {
            String body = """
                    {"object": "whatsapp_business_account", "entry": [{"id": "318640572910384", "changes": [{"field": "messages",
                      "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "471209385610274"},
                        "messages": ["not an object",
                                     {"from": "6281311220401", "id": "wamid.A", "timestamp": "1796173512", "type": "location",
                                      "location": {"latitude": "south", "longitude": 107.6}},
                                     {"from": "6281311220401", "id": "wamid.B", "timestamp": "1796173512", "type": "text",
                                      "text": {"body": "masih ada?"}}],
                        "statuses": [{"id": "wamid.OUT", "status": "warning", "timestamp": "1796173512"},
                                     {"id": "wamid.OUT", "status": "delivered", "timestamp": "1796173513"}]}}]}]}
                    """;
            List<MetaEvent> events = events(MetaWebhookParser.parse(Platform.WHATSAPP, body));

            assertThat(events).hasSize(5);
            assertThat(events.get(0)).isInstanceOf(MetaEvent.Unsupported.class);
            assertThat(events.get(1)).isInstanceOfSatisfying(MessageReceived.class,
                    m -> assertThat(m.content()).isInstanceOf(MessageContent.Unsupported.class));
            assertThat(events.get(2)).isInstanceOfSatisfying(MessageReceived.class,
                    m -> assertThat(m.content()).isEqualTo(new MessageContent.Text("masih ada?")));
            assertThat(events.get(3)).isInstanceOfSatisfying(MetaEvent.Unsupported.class,
                    u -> assertThat(u.kind()).isEqualTo("status"));
            assertThat(events.get(4)).isInstanceOfSatisfying(StatusChanged.class,
                    s -> assertThat(s.status()).isEqualTo(MessageStatus.DELIVERED));
        }
    }

    @Nested
    class Instagram {

        @Test
        void share_plus_ig_post_for_the_same_post_is_one_share() {
            ParsedDelivery delivery = sample("instagram/ig-message-share-and-ig-post.json");

            MessageReceived message = only(delivery, MessageReceived.class);
            assertThat(message.content()).isInstanceOfSatisfying(MessageContent.Share.class, share -> {
                assertThat(share.mediaId()).isEqualTo("18034417720593318");
                assertThat(share.title()).startsWith("Gayo Wine Process sudah datang!");
            });
        }

        @Test
        void several_attachments_are_one_message_each_and_the_first_keeps_the_mid() {
            String body = """
                    {"object": "instagram", "entry": [{"id": "17841468235500917", "time": 1796175000000, "messaging": [{
                      "sender": {"id": "7391028475610293"}, "recipient": {"id": "17841468235500917"}, "timestamp": 1796175000000,
                      "message": {"mid": "m1", "attachments": [{"type": "image", "payload": {"url": "https://cdn/1"}},
                                                               {"type": "image", "payload": {"url": "https://cdn/2"}}]}}]}]}
                    """;
            List<MetaEvent> events = events(MetaWebhookParser.parse(Platform.INSTAGRAM, body));

            assertThat(events).extracting(e -> ((MessageReceived) e).providerMessageId()).containsExactly("m1", "m1#1");
        }

        @Test
        void echo_is_outbound_to_the_recipient() {
            MessageReceived echo = only(sample("instagram/ig-message-echo-text.json"), MessageReceived.class);

            assertThat(echo.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(echo.customer().id()).isEqualTo("7391028475610293");
        }

        @Test
        void unsend_is_a_deletion_of_the_mid() {
            MessageDeleted deleted = only(sample("instagram/ig-message-deleted.json"), MessageDeleted.class);
            assertThat(deleted.targetMessageId()).startsWith("aWdf");
            assertThat(deleted.customer().id()).isEqualTo("5938201746628310");
        }

        @Test
        void postback_without_mid_gets_a_stable_id_that_changes_with_the_payload() {
            Fixtures.Fixture fixture = Fixtures.sample("instagram/ig-postback-no-mid.json");
            MessageReceived first = only(MetaWebhookParser.parse(Platform.INSTAGRAM, fixture.body()), MessageReceived.class);
            MessageReceived replay = only(MetaWebhookParser.parse(Platform.INSTAGRAM, fixture.body()), MessageReceived.class);
            MessageReceived other = only(MetaWebhookParser.parse(Platform.INSTAGRAM,
                    fixture.body().replace("GET_STARTED", "MENU_PRICES")), MessageReceived.class);

            assertThat(first.providerMessageId()).startsWith("ig-postback-").hasSize("ig-postback-".length() + 32)
                    .isEqualTo(replay.providerMessageId()).isNotEqualTo(other.providerMessageId());
            assertThat(first.content()).isEqualTo(new MessageContent.Postback("Mulai", "GET_STARTED"));
        }

        @Test
        void comment_is_a_message_threaded_by_media_and_mention_has_no_customer() {
            MessageReceived comment = only(sample("instagram/ig-comment.json"), MessageReceived.class);
            assertThat(comment.thread()).isEqualTo("18034417720593318");
            assertThat(comment.customer().username()).isEqualTo("laraswulan");
            assertThat(comment.content()).isInstanceOf(MessageContent.Comment.class);

            MessageReceived mention = only(sample("instagram/ig-mention-media.json"), MessageReceived.class);
            assertThat(mention.customer()).isNull();
            assertThat(mention.thread()).isEqualTo("17990011223344600");
            assertThat(mention.content()).isEqualTo(new MessageContent.Mention("17990011223344600", null));
        }

        @Test
        void standby_items_are_messages_marked_standby() {
            MessageReceived message = only(sample("instagram/ig-standby.json"), MessageReceived.class);
            assertThat(message.standby()).isTrue();
            assertThat(sample("instagram/ig-standby.json").changes().getFirst().field()).isEqualTo("standby");
        }
    }

    @Nested
    class Reactions {

        @Test
        void whatsapp_removal_with_emoji_missing_or_empty_is_null() {
            assertThat(only(sample("whatsapp/wa-reaction-removed-no-emoji.json"), ReactionChanged.class).emoji()).isNull();
            assertThat(only(sample("whatsapp/wa-reaction-removed-empty-emoji.json"), ReactionChanged.class).emoji()).isNull();
            assertThat(only(sample("whatsapp/wa-reaction.json"), ReactionChanged.class).emoji()).isEqualTo("👍");
        }

        @Test
        void instagram_unreact_is_null_and_react_keeps_the_emoji() {
            ReactionChanged react = only(sample("instagram/ig-message-reaction-react.json"), ReactionChanged.class);
            ReactionChanged unreact = only(sample("instagram/ig-message-reaction-unreact.json"), ReactionChanged.class);

            assertThat(react.emoji()).isEqualTo("❤️");
            assertThat(unreact.emoji()).isNull();
            assertThat(unreact.targetMessageId()).isEqualTo(react.targetMessageId());
        }
    }

    @Nested
    class WhatsApp {

        @Test
        void the_same_message_id_twice_in_one_change_is_emitted_once() {
            ParsedDelivery delivery = sample("whatsapp/wa-duplicate-message-same-id.json");
            assertThat(delivery.changes().getFirst().rawJson()).containsPattern("(?s)(\"id\":\"wamid[^\"]+\").*\\1");

            MessageReceived message = only(delivery, MessageReceived.class);
            assertThat(message.content()).isEqualTo(new MessageContent.Text("Makasih banyak Kak! ❤️"));
        }

        @Test
        void failed_status_keeps_metas_error() {
            StatusChanged failed = only(sample("whatsapp/wa-status-failed-131047.json"), StatusChanged.class);

            assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
            assertThat(failed.recipientId()).isEqualTo("6281290077123");
            assertThat(failed.errors()).containsExactly(new MetaError(131047, "Re-engagement message", "Re-engagement message",
                    "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
                    "https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/"));
            assertThat(failed.timestamp()).isEqualTo(Instant.parse("2026-12-02T04:30:02Z"));
        }

        @Test
        void sent_status_keeps_pricing_origin_and_callback_data() {
            StatusChanged sent = only(sample("whatsapp/wa-status-sent-biz-opaque-callback-data.json"), StatusChanged.class);

            assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
            assertThat(sent.pricingCategory()).isEqualTo("utility");
            assertThat(sent.conversationOrigin()).isEqualTo("utility");
            assertThat(sent.bizOpaqueCallbackData()).isEqualTo("order:KS-2041");
            assertThat(sent.errors()).isEmpty();
            assertThat(only(sample("whatsapp/wa-status-played.json"), StatusChanged.class).status()).isEqualTo(MessageStatus.PLAYED);
        }

        @Test
        void statuses_listed_out_of_order_are_all_reported() {
            List<StatusChanged> statuses = events(sample("whatsapp/wa-batched-two-entries.json")).stream()
                    .filter(StatusChanged.class::isInstance).map(StatusChanged.class::cast).toList();

            assertThat(statuses).extracting(StatusChanged::status).containsExactly(MessageStatus.DELIVERED, MessageStatus.SENT);
        }

        @Test
        void bsuid_only_message_has_a_customer_keyed_by_the_scoped_id() {
            MessageReceived message = only(sample("whatsapp/wa-text-bsuid-only.json"), MessageReceived.class);

            assertThat(message.customer()).isEqualTo(new Party(null, "ID.7204418830055193", "ID.ENT.5529017733406",
                    "Yoga Pratama", "yoga.pratama"));
            assertThat(message.customer().key()).isEqualTo("ID.7204418830055193");
        }

        @Test
        void wa_id_is_kept_exactly_as_received() {
            String body = """
                    {"object": "whatsapp_business_account", "entry": [{"id": "318640572910384", "changes": [{"field": "messages",
                      "value": {"messaging_product": "whatsapp", "metadata": {"phone_number_id": "471209385610274"},
                        "contacts": [{"profile": {"name": "Ana"}, "wa_id": "5511912345678"}],
                        "messages": [{"from": "5511912345678", "id": "wamid.X", "timestamp": "1796173512", "type": "text",
                                      "text": {"body": "oi"}}]}}]}]}
                    """;
            MessageReceived message = only(MetaWebhookParser.parse(Platform.WHATSAPP, body), MessageReceived.class);
            assertThat(message.customer().id()).isEqualTo("5511912345678");
            assertThat(message.customer().name()).isEqualTo("Ana");

            MessageReceived withPlus = only(MetaWebhookParser.parse(Platform.WHATSAPP,
                    body.replace("5511912345678", "+55 11 91234-5678")), MessageReceived.class);
            assertThat(withPlus.customer().id()).isEqualTo("+55 11 91234-5678");
        }

        @Test
        void voice_note_and_audio_file_are_told_apart() {
            MessageContent voice = only(sample("whatsapp/wa-voice.json"), MessageReceived.class).content();
            MessageContent audio = only(sample("whatsapp/wa-audio.json"), MessageReceived.class).content();

            assertThat(voice).isInstanceOfSatisfying(MessageContent.Media.class, m -> {
                assertThat(m.kind()).isEqualTo(MessageContent.MediaKind.VOICE);
                assertThat(m.mimeType()).isEqualTo("audio/ogg; codecs=opus");
                assertThat(m.providerMediaId()).isEqualTo("1187340092213457");
            });
            assertThat(audio).isInstanceOfSatisfying(MessageContent.Media.class,
                    m -> assertThat(m.kind()).isEqualTo(MessageContent.MediaKind.AUDIO));
        }

        @Test
        void edit_carries_the_new_content_and_revoke_deletes() {
            MessageEdited edit = only(sample("whatsapp/wa-edit-message.json"), MessageEdited.class);
            assertThat(edit.newContent()).isEqualTo(new MessageContent.Text("Alamat saya Jl. Kemang Raya No. 15, Jakarta Selatan"));
            assertThat(edit.targetMessageId()).isNotEqualTo(edit.editId());

            MessageDeleted revoke = only(sample("whatsapp/wa-revoke.json"), MessageDeleted.class);
            assertThat(revoke.customer().id()).isEqualTo("6282133445566");
        }

        @Test
        void business_app_echo_is_outbound_to_the_customer() {
            ParsedDelivery delivery = sample("whatsapp/wa-smb-message-echo.json");
            MessageReceived echo = only(delivery, MessageReceived.class);

            assertThat(delivery.changes().getFirst().route()).isEqualTo(Route.whatsAppPhoneNumber("471209385610274"));
            assertThat(echo.direction()).isEqualTo(Direction.OUTBOUND);
            assertThat(echo.customer().id()).isEqualTo("6281311220401");
            assertThat(echo.customer().name()).isEqualTo("Rina Kusuma");
        }

        @Test
        void value_level_errors_are_webhook_error_notices_for_the_number() {
            AccountNotice notice = only(sample("whatsapp/wa-errors-value-level-130429.json"), AccountNotice.class);

            assertThat(notice.kind()).isEqualTo(MetaEvent.NoticeKind.WEBHOOK_ERROR);
            assertThat(notice.subject()).isEqualTo("471209385610274");
            assertThat(notice.status()).isEqualTo("130429");
            assertThat(notice.summary()).contains("130429", "Rate limit hit");
            assertThat(notice.attributes()).containsEntry("error_data.details",
                    "Message failed to send because there were too many messages sent from this phone number in a short period of time");
        }

        @Test
        void account_level_fields_are_notices_routed_to_the_waba_with_metas_fields_kept() {
            ParsedDelivery delivery = sample("whatsapp/wa-template-status-rejected.json");
            AccountNotice notice = only(delivery, AccountNotice.class);

            assertThat(delivery.changes().getFirst().route()).isEqualTo(Route.whatsAppBusinessAccount("318640572910384"));
            assertThat(notice.kind()).isEqualTo(MetaEvent.NoticeKind.TEMPLATE_STATUS);
            assertThat(notice.subject()).isEqualTo("1298450367712046");
            assertThat(notice.status()).isEqualTo("REJECTED");
            assertThat(notice.summary()).startsWith("Template promo_senja_weekend (id) was rejected");
            assertThat(notice.attributes()).containsEntry("rejection_info.recommendation",
                    "Put words or punctuation between variables so each one has context.");
        }

        @Test
        void an_unknown_phone_number_id_is_still_routed_by_it() {
            ParsedChange change = sample("whatsapp/wa-unknown-account.json").changes().getFirst();
            assertThat(change.route()).isEqualTo(Route.whatsAppPhoneNumber("485577203319406"));
        }
    }

    @Nested
    class Text {

        @Test
        void non_ascii_escaped_by_meta_is_decoded() {
            Fixtures.Fixture fixture = Fixtures.sample("instagram/ig-message-text-nonascii-escaped.json");
            assertThat(fixture.body()).contains("Senja\\u2019s").contains("\\ud83d\\ude0d").doesNotContain("’");

            MessageReceived message = only(MetaWebhookParser.parse(Platform.INSTAGRAM, fixture.body()), MessageReceived.class);
            assertThat(message.content()).isEqualTo(new MessageContent.Text(
                    "Kopi Senja’s Toraja itu yang kemarin di story ya kak? Aromanya mantap 😍"));
        }
    }

    @Nested
    class Routing {

        @Test
        void dashboard_test_samples_route_nowhere() {
            ParsedDelivery whatsApp = sample("whatsapp/wa-dashboard-test-sample.json");
            ParsedDelivery instagram = sample("instagram/ig-comment-dashboard-test-sample.json");

            assertThat(whatsApp.changes()).singleElement().satisfies(c -> {
                assertThat(c.route()).isEqualTo(Route.NONE);
                assertThat(c.field()).isEqualTo("messages");
                assertThat(c.events()).singleElement().isInstanceOf(MessageReceived.class);
            });
            assertThat(instagram.changes()).singleElement().satisfies(c -> {
                assertThat(c.route()).isEqualTo(Route.NONE);
                assertThat(c.events()).singleElement().isInstanceOf(MessageReceived.class);
            });
        }

        @Test
        void without_object_the_endpoint_decides() {
            String body = """
                    {"entry": [{"id": "17841468235500917", "time": "2026-12-02T05:30:00+0000", "standby": [{
                      "sender": {"id": "8104726395017264"}, "recipient": {"id": "17841468235500917"},
                      "timestamp": "2026-12-02T05:30:00+0000", "message": {"mid": "m-standby", "text": "halo"}}]}]}
                    """;
            ParsedDelivery delivery = MetaWebhookParser.parse(Platform.INSTAGRAM, body);

            assertThat(delivery.platform()).isEqualTo(Platform.INSTAGRAM);
            MessageReceived message = only(delivery, MessageReceived.class);
            assertThat(message.standby()).isTrue();
            assertThat(message.timestamp()).isEqualTo(Instant.parse("2026-12-02T05:30:00Z"));
        }

        @Test
        void object_wins_over_the_endpoint() {
            Fixtures.Fixture fixture = Fixtures.sample("whatsapp/wa-text.json");
            ParsedDelivery delivery = MetaWebhookParser.parse(Platform.INSTAGRAM, fixture.body());

            assertThat(delivery.platform()).isEqualTo(Platform.WHATSAPP);
            assertThat(delivery.changes().getFirst().route()).isEqualTo(Route.whatsAppPhoneNumber("471209385610274"));
        }

        @Test
        void one_change_per_whatsapp_change_and_per_instagram_item() {
            assertThat(sample("whatsapp/wa-batched-two-entries.json").changes()).extracting(ParsedChange::route)
                    .containsExactly(Route.whatsAppPhoneNumber("471209385610274"), Route.whatsAppPhoneNumber("471209385610274"),
                            Route.whatsAppBusinessAccount("318640572910384"));
            assertThat(sample("instagram/ig-batched-two-entries-duplicate.json").changes()).hasSize(2)
                    .allSatisfy(c -> assertThat(c.rawJson()).startsWith("{\"sender\""));
        }
    }

    @Nested
    class Timestamps {

        @Test
        void seconds_milliseconds_and_iso_all_become_instants() {
            Instant expected = Instant.parse("2026-12-02T01:05:12Z");
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("1796173512"))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().numberNode(1796173512L))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().numberNode(1796173512000L))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("1796173512000"))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("2026-12-02T01:05:12Z"))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("2026-12-02T08:05:12+07:00"))).isEqualTo(expected);
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("2026-12-02T01:05:12+0000"))).isEqualTo(expected);
        }

        @Test
        void absent_or_unreadable_timestamps_are_null() {
            assertThat(MetaJson.instant(null)).isNull();
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().nullNode())).isNull();
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode("yesterday"))).isNull();
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().textNode(""))).isNull();
            assertThat(MetaJson.instant(MetaJson.MAPPER.getNodeFactory().numberNode(0))).isNull();
        }

        @Test
        void parsed_events_carry_seconds_and_milliseconds_correctly() {
            assertThat(only(sample("whatsapp/wa-text.json"), MessageReceived.class).timestamp())
                    .isEqualTo(Instant.parse("2026-12-02T01:05:12Z"));
            assertThat(only(sample("instagram/ig-text.json"), MessageReceived.class).timestamp())
                    .isEqualTo(Instant.parse("2026-12-02T01:30:05.231Z"));
            assertThat(only(sample("instagram/ig-comment.json"), MessageReceived.class).timestamp())
                    .as("comments have only entry.time, in seconds").isEqualTo(Instant.parse("2026-12-02T06:15:20Z"));
            assertThat(only(sample("whatsapp/wa-user-preferences-marketing-stop.json"), MetaEvent.ContactPreferenceChanged.class)
                    .timestamp()).as("integer seconds").isEqualTo(Instant.parse("2026-12-02T04:42:19Z"));
        }

        @Test
        void a_message_without_timestamp_has_null_for_the_store_to_fill() {
            String body = """
                    {"object": "whatsapp_business_account", "entry": [{"id": "1", "changes": [{"field": "messages",
                      "value": {"metadata": {"phone_number_id": "2"},
                        "messages": [{"from": "6281311220401", "id": "wamid.T", "type": "text", "text": {"body": "x"}}]}}]}]}
                    """;
            assertThat(only(MetaWebhookParser.parse(Platform.WHATSAPP, body), MessageReceived.class).timestamp()).isNull();
        }
    }
}
