package id.orqestra.cloud.sync;

/**
 * A position in an organization's change feed: the writing transaction's id and the event's id. Events
 * are read in (xid, id) order and only from transactions older than every running one, so a position
 * a client holds can never have an unseen event behind it. On the wire it is the opaque string
 * {@code "xid.id"}; {@code "0"} or nothing means the beginning.
 */
public record FeedCursor(long xid, long id) implements Comparable<FeedCursor> {

    public static final FeedCursor START = new FeedCursor(0, 0);

    public static FeedCursor parse(String text) {
        if (text == null || text.isBlank() || text.equals("0")) {
            return START;
        }
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not a sync cursor (expected the value of a previous event's cursor)");
        }
        try {
            long xid = Long.parseLong(text, 0, dot, 10);
            long id = Long.parseLong(text, dot + 1, text.length(), 10);
            if (xid < 0 || id < 0) {
                throw new NumberFormatException();
            }
            return new FeedCursor(xid, id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a sync cursor (expected the value of a previous event's cursor)");
        }
    }

    @Override
    public String toString() {
        return xid + "." + id;
    }

    @Override
    public int compareTo(FeedCursor other) {
        int byXid = Long.compare(xid, other.xid);
        return byXid != 0 ? byXid : Long.compare(id, other.id);
    }
}
