package id.orqestra.cloud.meta;

import id.orqestra.cloud.meta.testing.Expectation;
import id.orqestra.cloud.meta.testing.Expectation.ExpectDeletion;
import id.orqestra.cloud.meta.testing.Expectation.ExpectEdit;
import id.orqestra.cloud.meta.testing.Expectation.ExpectMessage;
import id.orqestra.cloud.meta.testing.Expectation.ExpectNotice;
import id.orqestra.cloud.meta.testing.Expectation.ExpectPreference;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReaction;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRead;
import id.orqestra.cloud.meta.testing.Expectation.ExpectReferral;
import id.orqestra.cloud.meta.testing.Expectation.ExpectRoute;
import id.orqestra.cloud.meta.testing.Expectation.ExpectStatus;
import id.orqestra.cloud.meta.testing.Expectation.ExpectUnsupported;
import id.orqestra.cloud.meta.testing.FixtureOracle;
import id.orqestra.cloud.meta.testing.OracleReading;
import id.orqestra.cloud.meta.testing.OracleReading.ExpectedChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Compares the parser's output with the oracle's reading of the same body: same number of changes in
 * the same order, same route and field for each, and within a change a one-to-one match between
 * events and expectations (in any order). Returns the differences, empty when they agree.
 */
final class OracleAgreement {

    private OracleAgreement() {
    }

    static List<String> differences(ParsedDelivery delivery, OracleReading reading) {
        List<String> out = new ArrayList<>();
        if (delivery.platform() != reading.platform()) {
            out.add("platform " + delivery.platform() + ", oracle " + reading.platform());
        }
        if (delivery.malformed() != reading.malformed()) {
            out.add("malformed " + delivery.malformed() + " (" + delivery.malformedReason() + "), oracle " + reading.malformed());
        }
        List<ParsedChange> changes = delivery.changes();
        List<ExpectedChange> expected = reading.changes();
        if (changes.size() != expected.size()) {
            out.add(changes.size() + " changes, oracle " + expected.size() + ": " + changes + " vs " + expected);
            return out;
        }
        for (int i = 0; i < changes.size(); i++) {
            ParsedChange change = changes.get(i);
            ExpectedChange want = expected.get(i);
            String where = "change " + i + " (" + change.field() + "): ";
            ExpectRoute route = want.route();
            if (change.route().kind() != route.kind() || !Objects.equals(change.route().accountId(), route.accountId())) {
                out.add(where + "route " + change.route() + ", oracle " + route);
            }
            if (!Objects.equals(change.field(), want.field())) {
                out.add(where + "field " + change.field() + ", oracle " + want.field());
            }
            if (change.rawJson() == null || change.rawJson().isBlank()) {
                out.add(where + "no raw JSON");
            }
            List<MetaEvent> unmatched = new ArrayList<>(change.events());
            for (Expectation expectation : want.expectations()) {
                MetaEvent match = unmatched.stream().filter(e -> satisfies(e, expectation)).findFirst().orElse(null);
                if (match == null) {
                    out.add(where + "nothing satisfies " + expectation + " among " + unmatched);
                } else {
                    unmatched.remove(match);
                }
            }
            unmatched.forEach(extra -> out.add(where + "unexpected " + extra));
        }
        return out;
    }

    static boolean satisfies(MetaEvent event, Expectation expectation) {
        return switch (expectation) {
            case ExpectMessage m -> event instanceof MetaEvent.MessageReceived r
                    && Objects.equals(r.providerMessageId(), m.providerMessageId())
                    && r.direction() == m.direction()
                    && Objects.equals(key(r.customer()), m.customerKey())
                    && FixtureOracle.contentKind(r.content()).equals(m.contentKind())
                    && FixtureOracle.showsFragment(r.content(), m.textFragment())
                    && Objects.equals(FixtureOracle.mediaIdOf(r.content()), m.mediaId())
                    && Objects.equals(FixtureOracle.mimeTypeOf(r.content()), m.mimeType())
                    && Objects.equals(r.context() == null ? null : r.context().replyToMessageId(), m.replyToMessageId())
                    && Objects.equals(r.thread(), m.thread());
            case ExpectReaction m -> event instanceof MetaEvent.ReactionChanged r
                    && Objects.equals(r.targetMessageId(), m.targetMessageId())
                    && Objects.equals(r.emoji(), m.emoji())
                    && r.direction() == m.direction()
                    && Objects.equals(key(r.customer()), m.customerKey());
            case ExpectStatus m -> event instanceof MetaEvent.StatusChanged r
                    && Objects.equals(r.providerMessageId(), m.providerMessageId())
                    && r.status() == m.status()
                    && Objects.equals(r.errors() == null || r.errors().isEmpty() ? null : r.errors().getFirst().code(), m.errorCode());
            case ExpectEdit m -> event instanceof MetaEvent.MessageEdited r
                    && Objects.equals(r.targetMessageId(), m.targetMessageId())
                    && FixtureOracle.contentKind(r.newContent()).equals(m.contentKind())
                    && FixtureOracle.showsFragment(r.newContent(), m.textFragment());
            case ExpectDeletion m -> event instanceof MetaEvent.MessageDeleted r
                    && Objects.equals(r.targetMessageId(), m.targetMessageId());
            case ExpectRead m -> event instanceof MetaEvent.ConversationRead r
                    && Objects.equals(r.lastReadMessageId(), m.lastReadMessageId())
                    && Objects.equals(key(r.customer()), m.customerKey());
            case ExpectReferral m -> event instanceof MetaEvent.ReferralReceived r
                    && Objects.equals(key(r.customer()), m.customerKey())
                    && r.referral() != null
                    && Objects.equals(r.referral().ref(), m.ref())
                    && Objects.equals(r.referral().adId(), m.adId());
            case ExpectPreference m -> event instanceof MetaEvent.ContactPreferenceChanged r
                    && Objects.equals(key(r.customer()), m.customerKey())
                    && Objects.equals(r.category(), m.category())
                    && Objects.equals(r.value(), m.value());
            case ExpectNotice m -> event instanceof MetaEvent.AccountNotice r
                    && r.kind() == m.kind()
                    && Objects.equals(r.subject(), m.subject())
                    && Objects.equals(r.status(), m.status())
                    && r.summary() != null && !r.summary().isBlank();
            case ExpectUnsupported m -> event instanceof MetaEvent.Unsupported r
                    && Objects.equals(r.kind(), m.kind())
                    && r.rawJson() != null;
            case ExpectRoute m -> false;
        };
    }

    private static String key(Party party) {
        return party == null ? null : party.key();
    }
}
