package id.orqestra.cloud.meta;

import id.orqestra.model.inbox.MetaError;

import java.util.Map;
import java.util.TreeMap;

/**
 * Meta's error codes, each with the sentence an agent reads and what the sender does about it — in
 * one table, used for send answers and for failed-status webhooks alike. Codes Meta returns both
 * synchronously and by webhook get the same words either way.
 */
public final class MetaErrorCatalog {

    /** What the sender does after an error. */
    public enum Action {
        /** A passing fault at Meta: try the same request again later, with growing delays. */
        RETRY,
        /** The number's (or app's) throughput was exceeded: slow the whole channel down, then retry. */
        SLOW_DOWN_CHANNEL,
        /** Too many messages to one customer: retry this one after a pause; later ones to them wait. */
        SLOW_DOWN_RECIPIENT,
        /** Will not succeed by trying again: the message fails with the sentence. */
        FAIL,
        /** The channel's token is expired or revoked: fail, flag the channel, tell the admins. */
        FAIL_TOKEN_INVALID
    }

    public record Entry(int code, Action action, String sentence) {
    }

    private static final Map<Integer, Entry> TABLE = new TreeMap<>();

    private static void add(int code, Action action, String sentence) {
        TABLE.put(code, new Entry(code, action, sentence));
    }

    static {
        add(1, Action.RETRY, "Meta had a passing problem (error 1); the message is sent again shortly.");
        add(2, Action.RETRY, "Meta's service was briefly unavailable (error 2); the message is sent again shortly.");
        add(3, Action.FAIL, "The Meta app lacks a capability this message needs (error 3). An admin should check the "
                + "app's permissions in Meta's App Dashboard.");
        add(4, Action.SLOW_DOWN_CHANNEL, "Meta is limiting how often this app may call it (error 4); sending slows "
                + "down and the message goes out shortly.");
        add(10, Action.FAIL, "Meta refused: the app has no permission to send from this account (error 10). An admin "
                + "should reconnect the channel and grant the messaging permissions.");
        add(100, Action.FAIL, "Meta rejected a field of this message as invalid (error 100).");
        add(190, Action.FAIL_TOKEN_INVALID, "This channel's Meta access token has expired or was revoked (error 190). "
                + "An admin must paste a new token under Admin → Channels; nothing is sent on this channel until then.");
        for (int code = 200; code <= 299; code++) {
            add(code, Action.FAIL, "Meta refused: the app lacks a permission this needs (error " + code + "). An admin "
                    + "should reconnect the channel and grant it.");
        }
        add(368, Action.FAIL, "Meta has temporarily blocked this account from sending for a policy violation "
                + "(error 368). An admin can see why in Meta Business Support Home.");
        add(551, Action.FAIL, "This Instagram user cannot receive messages from you right now (error 551); they may "
                + "have blocked the account or limited who can write to them.");
        add(80007, Action.SLOW_DOWN_CHANNEL, "The business account's rate limit was reached (error 80007); sending "
                + "slows down and the message goes out shortly.");
        add(130429, Action.SLOW_DOWN_CHANNEL, "WhatsApp's throughput limit for this number was reached "
                + "(error 130429); the message waits and goes out shortly.");
        add(130472, Action.FAIL, "WhatsApp did not deliver this because the customer's number is part of a Meta "
                + "experiment on marketing messages (error 130472). Don't resend it as a marketing template; a reply "
                + "after the customer writes, or a utility template, will go through.");
        add(131000, Action.RETRY, "Something went wrong at WhatsApp (error 131000); the message is sent again shortly.");
        add(131005, Action.FAIL, "WhatsApp denied access for this number (error 131005). An admin should check the "
                + "app's permissions for this WhatsApp Business Account.");
        add(131008, Action.FAIL, "WhatsApp says a required part of the message is missing (error 131008).");
        add(131009, Action.FAIL, "WhatsApp says a value in the message is not valid (error 131009).");
        add(131014, Action.FAIL, "WhatsApp would not accept this request from this number (error 131014). Check the "
                + "message and the number's setup in WhatsApp Manager before sending it again.");
        add(131016, Action.RETRY, "WhatsApp's service is briefly unavailable (error 131016); the message is sent again "
                + "shortly.");
        add(131021, Action.FAIL, "The customer's number is this business number itself (error 131021); a number "
                + "cannot write to itself.");
        add(131026, Action.FAIL, "WhatsApp could not deliver this message (error 131026): the number may not be on "
                + "WhatsApp, or the customer needs to update WhatsApp or accept its new terms. Check the number with "
                + "the customer another way.");
        add(131030, Action.FAIL, "This customer's number is not on the business account's list of test recipients "
                + "(error 131030). Add it in WhatsApp Manager, or finish the account's setup to write to anyone.");
        add(131031, Action.FAIL, "The WhatsApp Business Account is locked (error 131031). An admin should check its "
                + "status in WhatsApp Manager.");
        add(131042, Action.FAIL, "WhatsApp refused because of a payment problem on the business account "
                + "(error 131042). An admin should check the payment method in WhatsApp Manager.");
        add(131045, Action.FAIL, "The number's registration certificate is not valid (error 131045). An admin should "
                + "register the number again.");
        add(131047, Action.FAIL, "More than 24 hours have passed since the customer last wrote, so WhatsApp accepts "
                + "only a template now (error 131047). Choose a template to restart the conversation.");
        add(131048, Action.FAIL, "WhatsApp is limiting this number because customers blocked or reported recent "
                + "messages (error 131048). Send less and check the number's quality in WhatsApp Manager.");
        add(131049, Action.FAIL, "WhatsApp chose not to deliver this marketing message to keep engagement healthy "
                + "(error 131049). Don't resend it right away; try again in a day or two, or wait for the customer to "
                + "write.");
        add(131050, Action.FAIL, "The customer has stopped marketing messages from this business (error 131050).");
        add(131051, Action.FAIL, "WhatsApp does not support this type of message (error 131051).");
        add(131052, Action.FAIL, "WhatsApp could not download the customer's file (error 131052); ask them to send "
                + "it again.");
        add(131053, Action.FAIL, "WhatsApp could not use the file (error 131053); check that its type and size are "
                + "ones WhatsApp accepts.");
        add(131056, Action.SLOW_DOWN_RECIPIENT, "Too many messages went to this customer in a short time "
                + "(error 131056); this one waits a few seconds and goes out.");
        add(131057, Action.RETRY, "The WhatsApp Business Account is in maintenance (error 131057); the message is "
                + "sent again later.");
        add(132000, Action.FAIL, "The template's placeholders and the values sent do not match in number "
                + "(error 132000). Sync the templates and pick this one again.");
        add(132001, Action.FAIL, "WhatsApp does not have this template in this language, or it is not approved "
                + "(error 132001). Sync the templates and choose an approved one.");
        add(132005, Action.FAIL, "The template's text with its values is too long (error 132005); shorten the values.");
        add(132007, Action.FAIL, "A value breaks WhatsApp's formatting rules for templates (error 132007); remove "
                + "line breaks, tabs and runs of spaces from the values.");
        add(132012, Action.FAIL, "A value does not match the kind the template expects (error 132012), for example "
                + "text where the header needs a picture.");
        add(132015, Action.FAIL, "This template is paused because of low quality (error 132015). Choose another or "
                + "edit it in WhatsApp Manager.");
        add(132016, Action.FAIL, "This template was disabled for low quality (error 132016). Choose another "
                + "template.");
        add(133010, Action.FAIL, "This WhatsApp number is not registered with the Cloud API (error 133010). An admin "
                + "must register it before it can send.");
    }

    private MetaErrorCatalog() {
    }

    /** What to do about an error Meta answered with (its code, else the HTTP status decides). */
    public static Entry lookup(Integer code, Integer subcode, int httpStatus, String metaText) {
        if (code != null && code == 10 && subcode != null && subcode == 2534022) {
            return new Entry(10, Action.FAIL, "Instagram says this is outside the time it allows for replies "
                    + "(error 10/2534022): the customer wrote more than 7 days ago, or 24 hours for automated replies.");
        }
        if (code != null) {
            Entry known = TABLE.get(code);
            if (known != null) {
                return code == 100 || code == 131008 || code == 131009 ? withDetails(known, metaText) : known;
            }
        }
        if (httpStatus >= 500) {
            return new Entry(code == null ? 0 : code, Action.RETRY,
                    "Meta answered with a server error (HTTP " + httpStatus + "); the message is sent again shortly.");
        }
        if (httpStatus == 429) {
            return new Entry(code == null ? 0 : code, Action.SLOW_DOWN_CHANNEL,
                    "Meta asked us to slow down (HTTP 429); the message goes out shortly.");
        }
        if (httpStatus == 401) {
            return TABLE.get(190);
        }
        String text = metaText == null || metaText.isBlank() ? "no reason given" : metaText.strip();
        return new Entry(code == null ? 0 : code, Action.FAIL, "Meta refused the message"
                + (code == null ? "" : " (error " + code + ")") + ": " + text);
    }

    /** The table entry for a code, if it has one. */
    public static Entry forCode(int code) {
        return TABLE.get(code);
    }

    /** Every code with a table entry, for tests and documentation. */
    public static Map<Integer, Entry> table() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    /** Meta's error with our sentence attached, when the table knows its code. */
    public static MetaError explain(MetaError error) {
        if (error == null || error.code() == null || error.explanation() != null) {
            return error;
        }
        Entry entry = TABLE.get(error.code());
        if (entry == null) {
            return error;
        }
        String meta = error.details() != null ? error.details() : error.message();
        return error.withExplanation(error.code() == 100 ? withDetails(entry, meta).sentence() : entry.sentence());
    }

    private static Entry withDetails(Entry entry, String metaText) {
        if (metaText == null || metaText.isBlank()) {
            return entry;
        }
        String sentence = entry.sentence();
        String trimmed = sentence.endsWith(".") ? sentence.substring(0, sentence.length() - 1) : sentence;
        return new Entry(entry.code(), entry.action(), trimmed + ": " + metaText.strip()
                + (metaText.strip().endsWith(".") ? "" : "."));
    }
}
