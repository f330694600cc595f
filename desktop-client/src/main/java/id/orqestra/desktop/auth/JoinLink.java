package id.orqestra.desktop.auth;

/**
 * The words of the sign-in screen's link to the join form, kept in one place because the invitation
 * instructions quote them: the person invited must find exactly what they were told to look for.
 */
public final class JoinLink {

    public static final String TEXT = "Have an invitation code? Join your team";

    private JoinLink() {
    }
}
