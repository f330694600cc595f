package id.orqestra.cloud.inbox;

import id.orqestra.cloud.platform.media.MediaStorage;
import id.orqestra.cloud.platform.web.ApiException;
import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.inbox.ConversationStatus;
import id.orqestra.model.inbox.ConversationView;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.inbox.NoteView;
import id.orqestra.model.sync.SyncPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import static id.orqestra.cloud.platform.web.Bodies.require;
import static id.orqestra.model.tenant.Permission.INBOX_ASSIGN;
import static id.orqestra.model.tenant.Permission.INBOX_LABEL;
import static id.orqestra.model.tenant.Permission.INBOX_NOTE;
import static id.orqestra.model.tenant.Permission.INBOX_REPLY;
import static id.orqestra.model.tenant.Permission.INBOX_RESOLVE;
import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ALL;
import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ASSIGNED;

/** Conversations and what agents do in them. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class InboxController {

    private final InboxService inbox;
    private final MediaStorage storage;

    public InboxController(InboxService inbox, MediaStorage storage) {
        this.inbox = inbox;
        this.storage = storage;
    }

    @Get("/conversations")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public SyncPages.ConversationPage list(@Caller Principal.Member me, @QueryValue @Nullable String view,
                                           @QueryValue @Nullable String status, @QueryValue @Nullable Long channelId,
                                           @QueryValue @Nullable String label, @QueryValue @Nullable String pageToken,
                                           @QueryValue(defaultValue = "50") int limit) {
        return inbox.list(me, view, status, channelId, label, pageToken, limit);
    }

    @Get("/conversations/{id}")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public ConversationView conversation(@Caller Principal.Member me, @PathVariable long id) {
        return inbox.conversation(me, id);
    }

    @Get("/conversations/{id}/messages")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public List<MessageView> messages(@Caller Principal.Member me, @PathVariable long id, @QueryValue @Nullable Long before,
                                      @QueryValue(defaultValue = "50") int limit) {
        return inbox.messages(me, id, before, limit);
    }

    @Get("/conversations/{id}/notes")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public List<NoteView> notes(@Caller Principal.Member me, @PathVariable long id) {
        return inbox.notes(me, id);
    }

    @Post("/conversations/{id}/notes")
    @RequiresPermission(INBOX_NOTE)
    public HttpResponse<NoteView> addNote(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable InboxRequests.AddNote body) {
        return HttpResponse.created(inbox.addNote(me, id, require(body, "Send the note as {\"text\": \"…\"}.").text()));
    }

    @Post("/conversations/{id}/assign")
    @RequiresPermission(INBOX_ASSIGN)
    public ConversationView assign(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable InboxRequests.Assign body) {
        return inbox.assign(me, id, require(body, "Send {\"userId\": …} or {\"userId\": null} to unassign.").userId());
    }

    @Post("/conversations/{id}/resolve")
    @RequiresPermission(INBOX_RESOLVE)
    public ConversationView resolve(@Caller Principal.Member me, @PathVariable long id) {
        return inbox.setStatus(me, id, ConversationStatus.RESOLVED);
    }

    @Post("/conversations/{id}/reopen")
    @RequiresPermission(INBOX_RESOLVE)
    public ConversationView reopen(@Caller Principal.Member me, @PathVariable long id) {
        return inbox.setStatus(me, id, ConversationStatus.OPEN);
    }

    @Post("/conversations/{id}/labels")
    @RequiresPermission(INBOX_LABEL)
    public ConversationView labels(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable InboxRequests.ChangeLabels body) {
        return inbox.changeLabels(me, id, require(body, "Send {\"add\": [...], \"remove\": [...]}."));
    }

    @Post("/conversations/{id}/read")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public ConversationView read(@Caller Principal.Member me, @PathVariable long id) {
        return inbox.markRead(me, id);
    }

    @Get("/messages/{id}/media")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public HttpResponse<StreamedFile> media(@Caller Principal.Member me, @PathVariable long id) throws IOException {
        InboxService.MediaFile file = inbox.media(me, id);
        InputStream in = storage.open(file.key())
                .orElseThrow(() -> ApiException.notFound("This message's file is missing from storage."));
        MediaType type = file.mimeType() == null ? MediaType.APPLICATION_OCTET_STREAM_TYPE
                : MediaType.of(file.mimeType().split(";")[0].strip());
        MutableHttpResponse<StreamedFile> response = HttpResponse.ok(new StreamedFile(in, type));
        if (file.filename() != null) {
            response.header("Content-Disposition",
                    "inline; filename=\"" + file.filename().replaceAll("[\"\\\\\\r\\n]", "_") + "\"");
        }
        return response;
    }
}
