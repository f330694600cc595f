package id.orqestra.desktop.testing;

/** Sign-in answers as the backend's contract describes them, written out as JSON text on purpose. */
public final class SampleSessions {

    public static final String ORGANIZATION = "Kopi Senja Roasters";
    public static final String USER_NAME = "Dewi Lestari";

    private SampleSessions() {
    }

    /** A {@code Session}: Instant fields as ISO-8601 strings, permissions by their dotted names. */
    public static String sessionJson() {
        return """
                {
                  "accessToken": "access-token-1",
                  "accessTokenExpiresAt": "2026-12-03T17:00:00Z",
                  "refreshToken": "refresh-token-1",
                  "user": {
                    "id": 7,
                    "email": "dewi@kopisenja.test",
                    "name": "%s",
                    "organizationId": 3,
                    "organizationName": "%s",
                    "roleName": "Agent",
                    "permissions": ["inbox.view.assigned", "inbox.reply"]
                  }
                }
                """.formatted(USER_NAME, ORGANIZATION);
    }

    public static String problemJson(int status, String title, String detail) {
        return """
                {"type": "about:blank", "title": "%s", "status": %d, "detail": "%s"}
                """.formatted(title, status, detail);
    }
}
