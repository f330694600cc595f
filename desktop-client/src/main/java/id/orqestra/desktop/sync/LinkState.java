package id.orqestra.desktop.sync;

/** How the app is connected to the server, as the offline indicator shows it. */
public enum LinkState {
    /** Reaching the server and catching up on what happened meanwhile. */
    CONNECTING,
    /** Live: changes arrive within a blink and replies go out at once. */
    ONLINE,
    /** The server can't be reached; replies wait in the outbox and the app keeps trying. */
    OFFLINE,
    /** The sign-in ended; nothing is synchronised until the person signs in again. */
    SIGNED_OUT,
    /** Stopped (signed out on purpose, or the window closed). */
    STOPPED
}
