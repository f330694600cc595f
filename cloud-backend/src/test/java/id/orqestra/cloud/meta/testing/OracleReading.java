package id.orqestra.cloud.meta.testing;

import id.orqestra.cloud.meta.testing.Expectation.ExpectRoute;
import id.orqestra.model.inbox.Platform;

import java.util.ArrayList;
import java.util.List;

/**
 * The oracle's reading of one body: the platform it belongs to, and per change (WhatsApp
 * {@code entry[].changes[]}, Instagram messaging/standby item or change, in body order) its route, its
 * field and what it should produce. {@code malformedReason} is set, and {@code changes} empty, when the
 * body is not JSON.
 */
public record OracleReading(Platform platform, String malformedReason, List<ExpectedChange> changes) {

    /** One change: where it goes and what it should produce. */
    public record ExpectedChange(ExpectRoute route, String field, List<Expectation> expectations) {
    }

    public boolean malformed() {
        return malformedReason != null;
    }

    /** Every expectation in body order, each change's {@link ExpectRoute} first. */
    public List<Expectation> all() {
        List<Expectation> out = new ArrayList<>();
        for (ExpectedChange change : changes) {
            out.add(change.route());
            out.addAll(change.expectations());
        }
        return out;
    }

    /** The expectations of one type, across changes. */
    public <T extends Expectation> List<T> all(Class<T> type) {
        return all().stream().filter(type::isInstance).map(type::cast).toList();
    }
}
