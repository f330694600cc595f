package id.orqestra.cloud.platform.web;

/** Request bodies are optional at the framework level so that a missing one gets our sentence, not a stack of binding errors. */
public final class Bodies {

    private Bodies() {
    }

    public static <T> T require(T body, String whatToSend) {
        if (body == null) {
            throw ApiException.badRequest(whatToSend);
        }
        return body;
    }
}
