package id.orqestra.desktop.auth;

import id.orqestra.model.auth.Session;

import java.util.Objects;

/** A successful sign-in: the server it happened on and the session it returned. */
public record SignedIn(ServerAddress server, String email, Session session) {

    public SignedIn {
        Objects.requireNonNull(server);
        Objects.requireNonNull(email);
        Objects.requireNonNull(session);
    }
}
