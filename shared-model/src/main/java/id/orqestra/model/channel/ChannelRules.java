package id.orqestra.model.channel;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The rules for connecting a channel, one copy for both sides: the server enforces them, and the desktop
 * checks them before sending so that a mistake shows at its field at once, in the same words.
 */
public final class ChannelRules {

    public static final String BUSINESS_ACCOUNT_ID = "WhatsApp Business Account ID";
    public static final String PHONE_NUMBER_ID = "Phone number ID";
    public static final String INSTAGRAM_ACCOUNT_ID = "Instagram account ID";
    public static final int MAX_NAME = 80;

    private static final Pattern META_ID = Pattern.compile("^\\d{5,25}$");
    private static final Pattern DISPLAY_NUMBER = Pattern.compile("^\\+?[0-9 ()-]{6,25}$");
    private static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._]{1,30}$");

    private ChannelRules() {
    }

    public static Optional<String> nameProblem(String name) {
        return name.length() > MAX_NAME
                ? Optional.of("Channel names can be at most " + MAX_NAME + " characters.")
                : Optional.empty();
    }

    /** A Meta account id: 5 to 25 digits. {@code label} names it as Meta does. */
    public static Optional<String> metaIdProblem(String id, String label) {
        if (id.isEmpty()) {
            return Optional.of("Enter the " + label + (label.equals(INSTAGRAM_ACCOUNT_ID)
                    ? " from Meta's App Dashboard (Instagram, API setup)." : " from Meta's WhatsApp Manager or App Dashboard."));
        }
        if (!META_ID.matcher(id).matches()) {
            return Optional.of("The " + label + " is a number of 5 to 25 digits; '" + abbreviate(id) + "' is not.");
        }
        return Optional.empty();
    }

    /** Optional; when given, digits with an optional leading + and spaces, dashes or brackets. */
    public static Optional<String> displayNumberProblem(String number) {
        return !number.isEmpty() && !DISPLAY_NUMBER.matcher(number).matches()
                ? Optional.of("The display number should look like +62 812 3456 7890.")
                : Optional.empty();
    }

    /** Optional; a leading @ is fine. */
    public static Optional<String> usernameProblem(String username) {
        String bare = withoutAt(username);
        return !bare.isEmpty() && !USERNAME.matcher(bare).matches()
                ? Optional.of("Instagram usernames have up to 30 letters, digits, dots and underscores.")
                : Optional.empty();
    }

    public static Optional<String> accessTokenProblem(String token) {
        if (token.isEmpty()) {
            return Optional.of("Paste the access token Meta gave you for this account.");
        }
        if (token.length() < 20 || token.length() > 1024 || token.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("That does not look like a Meta access token (20 to 1024 characters, no spaces).");
        }
        return Optional.empty();
    }

    public static String withoutAt(String username) {
        return username.startsWith("@") ? username.substring(1) : username;
    }

    private static String abbreviate(String s) {
        return s.length() <= 30 ? s : s.substring(0, 29) + "…";
    }
}
