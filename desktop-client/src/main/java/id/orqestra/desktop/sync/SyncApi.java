package id.orqestra.desktop.sync;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import id.orqestra.desktop.api.ApiClient;
import id.orqestra.desktop.api.ApiException;
import id.orqestra.desktop.api.ApiSession;
import id.orqestra.desktop.api.ApiTransport;
import id.orqestra.desktop.api.Json;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.outbound.MediaUpload;
import id.orqestra.model.outbound.OutboundRequests;
import id.orqestra.model.outbound.TemplateList;
import id.orqestra.model.sync.SyncPages;

import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The endpoints a signed-in inbox uses — sync, conversations, sending, Instagram comments, templates —
 * typed, over the app's one authenticated {@link ApiClient}. Blocking; never call it on the FX thread.
 */
public class SyncApi {

    static final Duration SOCKET_OPEN_TIMEOUT = Duration.ofSeconds(15);

    private final ApiClient api;
    private final ObjectMapper json = Json.mapper();

    public SyncApi(ApiClient api) {
        this.api = Objects.requireNonNull(api);
    }

    public ObjectMapper json() {
        return json;
    }

    public ApiSession session() {
        return api.session();
    }

    // ---- sync

    public SyncPages.Snapshot snapshot(String pageToken, int limit) throws ApiException {
        return api.get("sync/snapshot?limit=" + limit + (pageToken == null ? "" : "&pageToken=" + encode(pageToken)),
                SyncPages.Snapshot.class);
    }

    public SyncPages.EventPage events(String after, int limit) throws ApiException {
        return api.get("sync/events?after=" + encode(after) + "&limit=" + limit, SyncPages.EventPage.class);
    }

    /** Opens the live socket after {@code cursor} (renewing the sign-in once if the handshake is refused for it). */
    public WebSocket openSocket(String cursor, WebSocket.Listener listener) throws ApiException {
        return api.openWebSocket("sync/ws?after=" + encode(cursor), listener, SOCKET_OPEN_TIMEOUT);
    }

    // ---- sending

    /**
     * Sends a message with {@code clientId} as the Idempotency-Key: however often this is retried, the
     * server stores it once (201 the first time, 200 with the same message after).
     */
    public MessageView send(long conversationId, String clientId, InboxRequests.SendMessage message) throws ApiException {
        return api.postOnce("conversations/" + conversationId + "/messages", clientId, message, MessageView.class);
    }

    /** Uploads a file to send; the answer's {@code uploadId} goes into the message. */
    public MediaUpload uploadMedia(Path file, String mimeType, String filename, ApiTransport.Progress progress)
            throws ApiException {
        return api.upload("media" + (filename == null ? "" : "?filename=" + encode(filename)), file, mimeType, progress,
                MediaUpload.class);
    }

    /** Puts the business's reaction on a message; an empty emoji takes it off. */
    public MessageView react(long messageId, String emoji) throws ApiException {
        return api.post("messages/" + messageId + "/reactions", new OutboundRequests.React(emoji), MessageView.class);
    }

    /** A public answer under an Instagram comment, sent once per {@code clientId}. */
    public MessageView publicReply(long commentMessageId, String clientId, String text) throws ApiException {
        return api.postOnce("messages/" + commentMessageId + "/public-reply", clientId,
                new OutboundRequests.CommentReply(text), MessageView.class);
    }

    /** The one private answer to an Instagram comment, in the commenter's direct messages. */
    public MessageView privateReply(long commentMessageId, String clientId, String text) throws ApiException {
        return api.postOnce("messages/" + commentMessageId + "/private-reply", clientId,
                new OutboundRequests.CommentReply(text), MessageView.class);
    }

    /** Hides, unhides or deletes an Instagram comment ({@code action}: hide, unhide, delete). */
    public MessageView moderate(long commentMessageId, String action) throws ApiException {
        return api.post("messages/" + commentMessageId + "/moderation", new OutboundRequests.ModerateComment(action),
                MessageView.class);
    }

    /** The templates of a WhatsApp channel's business account. */
    public TemplateList templates(long channelId) throws ApiException {
        return api.get("templates?channelId=" + channelId, TemplateList.class);
    }

    // ---- conversations

    /** The newest {@code limit} messages of a conversation. */
    public List<MessageView> latestMessages(long conversationId, int limit) throws ApiException {
        return api.get("conversations/" + conversationId + "/messages?limit=" + limit, new TypeReference<List<MessageView>>() {
        });
    }

    public List<MessageView> olderMessages(long conversationId, long beforeMessageId, int limit) throws ApiException {
        return api.get("conversations/" + conversationId + "/messages?before=" + beforeMessageId + "&limit=" + limit,
                new TypeReference<List<MessageView>>() {
                });
    }

    public List<NoteView> notes(long conversationId) throws ApiException {
        return api.get("conversations/" + conversationId + "/notes", new TypeReference<List<NoteView>>() {
        });
    }

    public ConversationView assign(long conversationId, Long userId) throws ApiException {
        return api.post("conversations/" + conversationId + "/assign", new InboxRequests.Assign(userId), ConversationView.class);
    }

    public ConversationView resolve(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/resolve", null, ConversationView.class);
    }

    public ConversationView reopen(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/reopen", null, ConversationView.class);
    }

    public ConversationView changeLabels(long conversationId, List<String> add, List<String> remove) throws ApiException {
        return api.post("conversations/" + conversationId + "/labels", new InboxRequests.ChangeLabels(add, remove),
                ConversationView.class);
    }

    public NoteView addNote(long conversationId, String text) throws ApiException {
        return api.post("conversations/" + conversationId + "/notes", new InboxRequests.AddNote(text), NoteView.class);
    }

    public ConversationView markRead(long conversationId) throws ApiException {
        return api.post("conversations/" + conversationId + "/read", null, ConversationView.class);
    }

    /** Downloads a message's stored file to {@code target} (replaced atomically, so a half file is never seen). */
    public void downloadMedia(long messageId, Path target) throws ApiException {
        api.download("messages/" + messageId + "/media", target);
    }

    static String encode(String value) {
        return URLEncoder.encode(value == null ? "0" : value, StandardCharsets.UTF_8);
    }
}
