package id.orqestra.desktop.api;

import id.orqestra.desktop.auth.ServerAddress;
import id.orqestra.model.auth.AuthRequests;
import id.orqestra.model.auth.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static id.orqestra.desktop.api.ApiException.Kind;

/**
 * One signed-in session with a server: the current access token and the refresh token that renews
 * it. Refresh tokens are single-use on the server (reusing one ends the session), so every renewal
 * goes through one lock and a request that was refused with an old access token simply picks up the
 * token another thread already got. Listeners hear about each renewal (to store the new refresh
 * token) and about the end of the session (to show the sign-in screen).
 */
public final class ApiSession {

    static final String REFRESH_PATH = "api/v1/auth/refresh";
    static final String LOGOUT_PATH = "api/v1/auth/logout";
    /** Renew at most this long before the access token expires. */
    static final Duration MAX_RENEWAL_MARGIN = Duration.ofMinutes(1);
    static final Duration MIN_RENEWAL_DELAY = Duration.ofSeconds(1);
    static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(15);
    static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(5);

    private static final Logger log = LoggerFactory.getLogger(ApiSession.class);

    private final ApiTransport transport;
    private final ServerAddress server;
    private final String email;
    private final Clock clock;
    private final Object lock = new Object();
    private final List<Consumer<Session>> renewalListeners = new CopyOnWriteArrayList<>();
    private final List<Consumer<String>> endListeners = new CopyOnWriteArrayList<>();

    // written holding lock; volatile so that reading (say, on the FX thread) never waits for a renewal in flight
    private volatile Session current;
    private volatile String endedBecause;
    // guarded by lock
    private Instant currentReceivedAt;
    private Instant currentServerTime;
    private ScheduledExecutorService timer;
    // volatile so that stopRenewing need not wait for the lock (a renewal in flight holds it)
    private volatile ScheduledFuture<?> nextRenewal;
    private volatile boolean renewalsStopped;
    private int failedRenewals;

    /** A session that has just been opened (by a password sign-in); {@code session} is fresh. */
    public ApiSession(ApiTransport transport, ServerAddress server, String email, Session session) {
        this(transport, server, email, session, Optional.empty(), Clock.systemUTC());
    }

    ApiSession(ApiTransport transport, ServerAddress server, String email, Session session, Optional<Instant> serverTime,
               Clock clock) {
        this.transport = Objects.requireNonNull(transport);
        this.server = Objects.requireNonNull(server);
        this.email = Objects.requireNonNull(email);
        this.clock = Objects.requireNonNull(clock);
        accept(Objects.requireNonNull(session), serverTime);
    }

    /** Signs in again with a stored refresh token, which is used up by doing so. */
    public static ApiSession resume(ApiTransport transport, ServerAddress server, String email, String refreshToken)
            throws ApiException {
        ApiTransport.Answer<Session> answer = refresh(transport, server, refreshToken);
        return new ApiSession(transport, server, email, answer.body(), answer.serverTime(), Clock.systemUTC());
    }

    public ServerAddress server() {
        return server;
    }

    public String email() {
        return email;
    }

    /** The latest session: tokens and who is signed in. Never waits. */
    public Session current() {
        return current;
    }

    /** True once the session has ended, by signing out or because the server ended it. */
    public boolean hasEnded() {
        return endedBecause != null;
    }

    /** The token to send now; fails once the session has ended. */
    public String accessToken() throws ApiException {
        String ended = endedBecause;
        if (ended != null) {
            throw signedOut(ended);
        }
        return current.accessToken();
    }

    /**
     * Hands {@code listener} the current session now and every renewed one later, on the thread that
     * got it and in the order the server issued them (so a stored refresh token is always the newest).
     * May wait for a renewal in flight: call it off the FX thread.
     */
    public void followRenewals(Consumer<Session> listener) {
        Objects.requireNonNull(listener);
        synchronized (lock) {
            if (endedBecause != null) {
                return;
            }
            listener.accept(current);
            renewalListeners.add(listener);
        }
    }

    /** Called once if the server ends the session, with a sentence saying so. */
    public void onEnded(Consumer<String> listener) {
        endListeners.add(Objects.requireNonNull(listener));
    }

    /**
     * A request sent with {@code rejectedAccessToken} was refused as not signed in: renews the session,
     * unless another thread already did since, and returns the access token to retry with.
     */
    public String renewAfterRejection(String rejectedAccessToken) throws ApiException {
        synchronized (lock) {
            if (endedBecause != null) {
                throw signedOut(endedBecause);
            }
            if (!current.accessToken().equals(rejectedAccessToken)) {
                return current.accessToken();
            }
            return renewLocked().accessToken();
        }
    }

    /** Renews the session now. */
    public Session renew() throws ApiException {
        synchronized (lock) {
            if (endedBecause != null) {
                throw signedOut(endedBecause);
            }
            return renewLocked();
        }
    }

    /** From now on renews the access token shortly before it expires, on {@code scheduler}. */
    public void keepFresh(ScheduledExecutorService scheduler) {
        synchronized (lock) {
            this.timer = Objects.requireNonNull(scheduler);
            scheduleLocked(renewalDelay(current.accessTokenExpiresAt(), currentServerTime, currentReceivedAt, clock.instant()));
        }
    }

    /**
     * Ends the session on purpose: stops renewals and notifications, runs {@code forget} (say, deleting
     * the stored refresh token; nothing can store a newer one after this point), then tells the server.
     * Telling the server is best effort: offline, the server-side session simply expires, and without
     * its refresh token nobody can use it. Blocking: call it off the FX thread.
     */
    public void signOut(Runnable forget) {
        String token;
        synchronized (lock) {
            if (endedBecause != null) {
                forget.run();
                return;
            }
            renewalListeners.clear();
            endListeners.clear();
            cancelTimerLocked();
            timer = null;
            token = current.accessToken();
            forget.run();
        }
        try {
            try {
                transport.exchange(server, "POST", LOGOUT_PATH, null, token, null);
            } catch (ApiException e) {
                if (e.kind() != Kind.SIGNED_OUT) {
                    throw e;
                }
                // the access token had lapsed (a sleeping laptop): one renewal, then sign out for real
                transport.exchange(server, "POST", LOGOUT_PATH, null, renew().accessToken(), null);
            }
        } catch (ApiException e) {
            log.info("Signing out at {} could not reach the server: {}", server, e.getMessage());
        } finally {
            synchronized (lock) {
                endedBecause = "You signed out.";
            }
        }
    }

    /**
     * Stops renewing the session in the background (the app is closing); it stays valid on the server
     * and its refresh token stays stored, for the next start. Never waits.
     */
    public void stopRenewing() {
        renewalsStopped = true;
        ScheduledFuture<?> pending = nextRenewal;
        if (pending != null) {
            pending.cancel(false);
        }
    }

    /**
     * How long to wait before renewing an access token that expires at {@code expiresAt}, received at
     * local time {@code receivedAt} when the server's clock said {@code serverTime} (null if unknown).
     * Measuring the lifetime on the server's clock keeps a wrong local clock from mattering.
     */
    static Duration renewalDelay(Instant expiresAt, Instant serverTime, Instant receivedAt, Instant now) {
        Duration lifetime = Duration.between(serverTime != null ? serverTime : receivedAt, expiresAt);
        Duration margin = lifetime.dividedBy(5).compareTo(MAX_RENEWAL_MARGIN) < 0 ? lifetime.dividedBy(5) : MAX_RENEWAL_MARGIN;
        Duration delay = Duration.between(now, receivedAt.plus(lifetime).minus(margin));
        return delay.compareTo(MIN_RENEWAL_DELAY) < 0 ? MIN_RENEWAL_DELAY : delay;
    }

    static Duration retryDelay(int failures) {
        Duration delay = FIRST_RETRY_DELAY.multipliedBy(1L << Math.min(Math.max(failures - 1, 0), 8));
        return delay.compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : delay;
    }

    // ---- internals (all *Locked methods run holding lock)

    private Session renewLocked() throws ApiException {
        ApiTransport.Answer<Session> answer;
        try {
            answer = refresh(transport, server, current.refreshToken());
        } catch (ApiException e) {
            if (e.kind() == Kind.SIGNED_OUT) {
                endLocked(e.getMessage());
            }
            throw e;
        }
        accept(answer.body(), answer.serverTime());
        failedRenewals = 0;
        for (Consumer<Session> listener : renewalListeners) {
            listener.accept(current);
        }
        if (timer != null) {
            scheduleLocked(renewalDelay(current.accessTokenExpiresAt(), currentServerTime, currentReceivedAt, clock.instant()));
        }
        return current;
    }

    private void accept(Session session, Optional<Instant> serverTime) {
        current = session;
        currentReceivedAt = clock.instant();
        currentServerTime = serverTime.orElse(null);
    }

    private void renewOnTimer() {
        synchronized (lock) {
            if (endedBecause != null || renewalsStopped) {
                return;
            }
            try {
                renewLocked();
            } catch (ApiException e) {
                if (endedBecause == null) {
                    failedRenewals++;
                    Duration retry = retryDelay(failedRenewals);
                    log.info("Renewing the sign-in at {} failed ({}); trying again in {} s", server, e.getMessage(),
                            retry.toSeconds());
                    scheduleLocked(retry);
                }
            } catch (RuntimeException e) {
                log.error("Renewing the sign-in at {} failed unexpectedly", server, e);
                scheduleLocked(MAX_RETRY_DELAY);
            }
        }
    }

    private void scheduleLocked(Duration delay) {
        cancelTimerLocked();
        if (renewalsStopped) {
            return;
        }
        try {
            nextRenewal = timer.schedule(this::renewOnTimer, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("The renewal timer is shut down; the session is no longer kept fresh");
        }
    }

    private void cancelTimerLocked() {
        if (nextRenewal != null) {
            nextRenewal.cancel(false);
            nextRenewal = null;
        }
    }

    private void endLocked(String sentence) {
        endedBecause = sentence;
        cancelTimerLocked();
        for (Consumer<String> listener : endListeners) {
            listener.accept(sentence);
        }
    }

    private static ApiTransport.Answer<Session> refresh(ApiTransport transport, ServerAddress server, String refreshToken)
            throws ApiException {
        ApiTransport.Answer<Session> answer = transport.exchange(server, "POST", REFRESH_PATH,
                new AuthRequests.RefreshRequest(refreshToken), null, transport.json().constructType(Session.class));
        Session session = answer.body();
        if (session.accessToken() == null || session.refreshToken() == null || session.user() == null
                || session.accessTokenExpiresAt() == null) {
            throw new ApiException(Kind.UNEXPECTED_ANSWER, 200, "Unexpected answer",
                    "The server's answer to renewing the sign-in was incomplete.");
        }
        return answer;
    }

    private static ApiException signedOut(String sentence) {
        return new ApiException(Kind.SIGNED_OUT, 401, "Signed out", sentence);
    }
}
