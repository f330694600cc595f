package id.orqestra.desktop.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The base address of an Orqestra server as the user typed it, checked and normalised: http or https,
 * a host, an optional port and path prefix (for servers behind a reverse proxy), no query or fragment.
 */
public final class ServerAddress {

    private final String display;
    private final URI base;

    private ServerAddress(String display) {
        this.display = display;
        this.base = URI.create(display + "/");
    }

    /** A sentence telling the user what is wrong with {@code text} as a server address, or empty when it is fine. */
    public static Optional<String> problemWith(String text) {
        String trimmed = text == null ? "" : text.strip();
        if (trimmed.isEmpty()) {
            return Optional.of("Enter the address of your Orqestra server.");
        }
        if (trimmed.chars().anyMatch(Character::isWhitespace)) {
            return Optional.of("A server address can't contain spaces.");
        }
        if (!trimmed.contains("://")) {
            return Optional.of("Start the address with http:// or https://, for example http://localhost:8080.");
        }
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return Optional.of("That is not a valid web address. Use one like https://orqestra.example.com.");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return Optional.of("Use an address that starts with http:// or https://.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            // java.net.URI leaves the host empty for things like "http://exa mple" or "http://:8080"
            return Optional.of("The address needs a server name, for example https://orqestra.example.com.");
        }
        if (uri.getPort() > 65535) {
            return Optional.of("The port number must be between 1 and 65535.");
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            return Optional.of("Leave out everything from ? or # onwards in the address.");
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("Leave the user name out of the address; you sign in below.");
        }
        return Optional.empty();
    }

    /** Parses an address that {@link #problemWith} accepts; anything else is a programming error. */
    public static ServerAddress parse(String text) {
        problemWith(text).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
        URI uri = URI.create(text.strip());
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        String authority = uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        return new ServerAddress(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + authority + path);
    }

    /** The API endpoint at {@code relativePath} (no leading slash), below any path prefix of the address. */
    public URI resolve(String relativePath) {
        return base.resolve(relativePath);
    }

    /** The address as people should see it, e.g. {@code http://localhost:8080}, with no trailing slash. */
    public String display() {
        return display;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ServerAddress address && address.display.equals(display);
    }

    @Override
    public int hashCode() {
        return display.hashCode();
    }

    @Override
    public String toString() {
        return display;
    }
}
