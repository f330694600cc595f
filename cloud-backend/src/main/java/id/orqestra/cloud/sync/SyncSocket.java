package id.orqestra.cloud.sync;

import id.orqestra.cloud.platform.json.Json;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.PrincipalLoader;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.cloud.tenant.access.TokenService;
import id.orqestra.model.sync.SocketFrame;
import id.orqestra.model.sync.SyncPages;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import io.micronaut.websocket.annotation.OnClose;
import io.micronaut.websocket.annotation.OnMessage;
import io.micronaut.websocket.annotation.OnOpen;
import io.micronaut.websocket.annotation.ServerWebSocket;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ALL;
import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ASSIGNED;

/**
 * {@code /api/v1/sync/ws?after=CURSOR}: the backlog after the cursor, then live events, in feed order.
 * Needs {@code inbox.view.all} or {@code inbox.view.assigned}. Each connection has one pump that reads
 * the feed from the database when told it moved, so the server holds at most one page per client; a
 * client whose unsent frames pass a bound is told why and disconnected, and catches up over REST.
 */
@ServerWebSocket("/api/v1/sync/ws")
public class SyncSocket {

    private static final Logger LOG = LoggerFactory.getLogger(SyncSocket.class);

    private static final int LAG_RETRY_MILLIS = 5;
    private static final int LAG_RETRIES = 200;

    /** Close codes in the application range, so clients can tell why. */
    public static final int UNAUTHORIZED = 4401;
    public static final int FORBIDDEN = 4403;
    public static final int TOO_SLOW = 4408;
    public static final int BAD_CURSOR = 4400;

    private final TokenService tokens;
    private final PrincipalLoader principals;
    private final SyncService sync;
    private final FeedFanout fanout;
    private final SocketSettings settings;
    private final Map<String, SocketPump> pumps = new ConcurrentHashMap<>();

    /** Limits of one connection. */
    public record SocketSettings(int pageSize, int maxUnsentFrames, Duration heartbeat, Duration poll) {
    }

    public SyncSocket(TokenService tokens, PrincipalLoader principals, SyncService sync, FeedFanout fanout,
                      @Value("${orqestra.sync.page-size:500}") int pageSize,
                      @Value("${orqestra.sync.max-unsent-frames:64}") int maxUnsentFrames,
                      @Value("${orqestra.sync.heartbeat:20s}") Duration heartbeat,
                      @Value("${orqestra.sync.poll:2s}") Duration poll) {
        this.tokens = tokens;
        this.principals = principals;
        this.sync = sync;
        this.fanout = fanout;
        this.settings = new SocketSettings(pageSize, maxUnsentFrames, heartbeat, poll);
    }

    /**
     * The rule is declared here like on every route, and enforced in {@link #open}: the HTTP access
     * filter leaves the upgrade alone so that it is not handed to another thread.
     */
    @OnOpen
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public void onOpen(WebSocketSession session, HttpRequest<?> request) {
        // authentication reads the database: never on the event loop
        Thread.ofVirtual().name("sync-open").start(() -> {
            try {
                open(session, request);
            } catch (RuntimeException e) {
                // the database is gone for a moment (a restart, a shutdown): the client reconnects with backoff
                LOG.debug("Could not open a sync socket: {}", e.getMessage());
                if (session.isOpen()) {
                    session.close(CloseReason.TRY_AGAIN_LATER);
                }
            }
        });
    }

    private void open(WebSocketSession session, HttpRequest<?> request) {
        Optional<TokenService.Claims> claims = bearer(request).flatMap(tokens::verify);
        Optional<Principal.Member> member = claims.flatMap(principals::load)
                .filter(Principal.Member.class::isInstance).map(Principal.Member.class::cast);
        if (member.isEmpty()) {
            session.close(new CloseReason(UNAUTHORIZED, "Sign in again: the access token is missing, expired or no longer valid."));
            return;
        }
        if (!member.get().has(INBOX_VIEW_ALL) && !member.get().has(INBOX_VIEW_ASSIGNED)) {
            session.close(new CloseReason(FORBIDDEN, "Your role does not include inbox.view.all or inbox.view.assigned."));
            return;
        }
        String after = request.getParameters().getFirst("after").orElse("0");
        try {
            SyncService.parseCursor(after);
        } catch (RuntimeException e) {
            session.close(new CloseReason(BAD_CURSOR, "after=" + after + " is not a sync cursor."));
            return;
        }
        SocketPump pump = new SocketPump(session, claims.get(), member.get(), after);
        pumps.put(session.getId(), pump);
        fanout.subscribe(member.get().orgId(), pump);
        pump.start();
    }

    @OnMessage
    public void onMessage(String message, WebSocketSession session) {
        // clients only listen; anything they say is ignored
    }

    @OnClose
    public void onClose(WebSocketSession session) {
        SocketPump pump = pumps.remove(session.getId());
        if (pump != null) {
            pump.stop();
            fanout.unsubscribe(pump.member.orgId(), pump);
        }
    }

    @PreDestroy
    public void closeAll() {
        pumps.values().forEach(p -> p.close(CloseReason.GOING_AWAY));
    }

    private static Optional<String> bearer(HttpRequest<?> request) {
        String header = request.getHeaders().getAuthorization().orElse(null);
        if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(header.substring(7).trim());
        }
        return request.getParameters().getFirst("access_token");
    }

    /** Reads the feed for one connection and sends it, in order, one page at a time. */
    private final class SocketPump implements FeedFanout.Subscriber {
        private final WebSocketSession session;
        private final TokenService.Claims claims;
        private volatile Principal.Member member;
        private volatile String cursor;
        private final Object signal = new Object();
        private volatile boolean moved = true;
        private volatile boolean running = true;
        private final java.util.concurrent.atomic.AtomicInteger unsent = new java.util.concurrent.atomic.AtomicInteger();
        private Thread thread;

        SocketPump(WebSocketSession session, TokenService.Claims claims, Principal.Member member, String cursor) {
            this.session = session;
            this.claims = claims;
            this.member = member;
            this.cursor = cursor;
        }

        void start() {
            thread = Thread.ofVirtual().name("sync-pump-" + session.getId()).start(this::run);
        }

        @Override
        public void feedMoved() {
            synchronized (signal) {
                moved = true;
                signal.notifyAll();
            }
        }

        private void run() {
            long lastSend = System.nanoTime();
            int emptyRetries = 0;
            boolean readAgainNow = true;
            try {
                while (running && session.isOpen()) {
                    boolean wasMoved;
                    synchronized (signal) {
                        if (!moved && !readAgainNow) {
                            signal.wait(settings.poll().toMillis());
                        }
                        wasMoved = moved || readAgainNow;
                        moved = false;
                    }
                    readAgainNow = false;
                    Optional<Principal.Member> current = principals.loadSession(claims);
                    if (current.isEmpty()) {
                        close(new CloseReason(UNAUTHORIZED, "This sign-in has ended."));
                        return;
                    }
                    member = current.get();
                    SyncPages.EventPage page = sync.events(member, cursor, settings.pageSize());
                    if (!page.events().isEmpty()) {
                        send(new SocketFrame.Events(page.events(), page.cursor()));
                        lastSend = System.nanoTime();
                    }
                    boolean advanced = !page.cursor().equals(cursor);
                    cursor = page.cursor();
                    if (page.hasMore()) {
                        readAgainNow = true;
                        continue;
                    }
                    // a notified change can stay invisible for a moment while an older transaction
                    // still runs (see ChangeFeed.read): look again every few milliseconds, for up to a
                    // second, instead of waiting for the poll
                    if (wasMoved && !advanced && emptyRetries < LAG_RETRIES) {
                        Thread.sleep(LAG_RETRY_MILLIS);
                        emptyRetries++;
                        readAgainNow = true;
                        continue;
                    }
                    emptyRetries = 0;
                    if (System.nanoTime() - lastSend > settings.heartbeat().toNanos()) {
                        send(new SocketFrame.Heartbeat(System.currentTimeMillis()));
                        lastSend = System.nanoTime();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                if (running) {
                    LOG.warn("Sync connection {} ended after an error: {}", session.getId(), e.getMessage());
                    close(new CloseReason(CloseReason.INTERNAL_ERROR.getCode(), "Server error; reconnect and catch up."));
                }
            }
        }

        private void send(SocketFrame frame) {
            if (unsent.incrementAndGet() > settings.maxUnsentFrames()) {
                String reason = "Too slow to keep up: catch up over GET /api/v1/sync/events and reconnect.";
                session.sendAsync(Json.write(new SocketFrame.Closing(reason)));
                close(new CloseReason(TOO_SLOW, reason));
                return;
            }
            session.sendAsync(Json.write(frame)).whenComplete((ok, error) -> unsent.decrementAndGet());
        }

        /** Stops pumping and lets go of the connection at once, even if the client never reads the close frame. */
        void close(CloseReason reason) {
            running = false;
            pumps.remove(session.getId());
            fanout.unsubscribe(member.orgId(), this);
            if (session.isOpen()) {
                session.close(reason);
            }
        }

        void stop() {
            running = false;
            feedMoved();
        }
    }
}
