package id.orqestra.desktop.auth;

import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.model.auth.LoginRequest;
import id.orqestra.model.auth.Session;
import id.orqestra.model.tenant.TeamRequests;

import javax.net.ssl.SSLException;
import java.time.Duration;
import java.util.Optional;

import static id.orqestra.desktop.auth.SignInException.Reason;

/**
 * Signs in against an Orqestra server: {@code POST {server}/api/v1/auth/login} with a
 * {@link LoginRequest}, answered by a {@link Session} or an {@code application/problem+json} error.
 * The request and the reading of its answer are {@link ApiTransport}'s, as for every other call; this
 * class only words the failures for a sign-in ("wrong email or password" rather than "signed out"),
 * so every way this can go wrong ends as a {@link SignInException} whose message a person can act on.
 * Blocking: call it from a background thread.
 */
public final class AuthClient {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = ApiTransport.DEFAULT_CONNECT_TIMEOUT;
    public static final Duration DEFAULT_REQUEST_TIMEOUT = ApiTransport.DEFAULT_REQUEST_TIMEOUT;
    static final String LOGIN_PATH = "api/v1/auth/login";
    static final String ACCEPT_INVITATION_PATH = "api/v1/auth/invitations/accept";

    private final ApiTransport transport;

    public AuthClient() {
        this(DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
    }

    public AuthClient(Duration connectTimeout, Duration requestTimeout) {
        this.transport = new ApiTransport(connectTimeout, requestTimeout);
    }

    /** Signs in and returns the session; never returns null. */
    public Session signIn(ServerAddress server, String email, String password) throws SignInException {
        return post(server, LOGIN_PATH, new LoginRequest(email, password));
    }

    /**
     * Joins the organization that sent the one-time invitation {@code token}: sets the person's name
     * and password and signs them in. Returns the session; never returns null.
     */
    public Session acceptInvitation(ServerAddress server, String token, String name, String password)
            throws SignInException {
        return post(server, ACCEPT_INVITATION_PATH, new TeamRequests.AcceptInvitationRequest(token, name, password));
    }

    private Session post(ServerAddress server, String path, Object body) throws SignInException {
        Session session;
        try {
            session = transport.<Session>exchange(server, "POST", path, body, null,
                    transport.json().constructType(Session.class)).body();
        } catch (ApiException e) {
            throw signInFailure(server, e);
        }
        if (session.accessToken() == null || session.accessToken().isBlank() || session.user() == null) {
            throw notOrqestra(server);
        }
        return session;
    }

    /** The transport's failure in the words of a sign-in. */
    static SignInException signInFailure(ServerAddress server, ApiException e) {
        Optional<String> detail = e.serverDetail();
        if (e.status() == 423) {
            return new SignInException(Reason.ACCOUNT_BLOCKED,
                    detail.orElse("This account can't sign in right now. Ask your administrator."));
        }
        if (e.status() == 405) {
            return notOrqestra(server);
        }
        return switch (e.kind()) {
            case UNREACHABLE -> e.getCause() instanceof SSLException
                    ? new SignInException(Reason.SECURE_CONNECTION_FAILED, e.getMessage(), e)
                    : new SignInException(Reason.UNREACHABLE, "Check that " + server.display()
                            + " is the right address and that the server is running, then try again.", e);
            case TIMED_OUT -> new SignInException(Reason.TIMED_OUT, e.getMessage(), e);
            case INTERRUPTED -> new SignInException(Reason.INTERRUPTED, "Sign-in was stopped before the server answered.", e);
            case REDIRECTED -> new SignInException(Reason.REDIRECTED, e.redirectTarget()
                    .map(target -> "The server at " + server.display() + " sent the sign-in to " + target
                            + ". Use the address of the Orqestra server itself.")
                    .orElse("The server at " + server.display()
                            + " sent the sign-in elsewhere. Check the address with your administrator."));
            case SIGNED_OUT -> new SignInException(Reason.WRONG_CREDENTIALS,
                    detail.orElse("The email or password is not right. Check them and try again."));
            case FORBIDDEN -> new SignInException(Reason.ACCOUNT_BLOCKED,
                    detail.orElse("This account can't sign in right now. Ask your administrator."));
            case THROTTLED -> new SignInException(Reason.TOO_MANY_ATTEMPTS,
                    detail.orElse("Too many sign-in attempts. Wait a few minutes and try again."));
            // an Orqestra 404 explains itself (an unknown invitation); anything else is the wrong address
            case NOT_FOUND -> detail.map(d -> new SignInException(Reason.REJECTED, d)).orElseGet(() -> notOrqestra(server));
            case UNEXPECTED_ANSWER -> notOrqestra(server);
            case SERVER_ERROR -> new SignInException(Reason.SERVER_ERROR, "The server at " + server.display()
                    + " ran into a problem and could not sign you in (HTTP " + e.status() + ")."
                    + ApiTransport.serverErrorDetail(detail));
            default -> new SignInException(Reason.REJECTED, detail.orElse("The server did not accept the sign-in (HTTP "
                    + e.status() + "). Check the details and try again."));
        };
    }

    private static SignInException notOrqestra(ServerAddress server) {
        return new SignInException(Reason.NOT_ORQESTRA, "That address answered, but it is not an Orqestra server. "
                + "Check the address " + server.display() + " with your administrator.");
    }
}
