package id.orqestra.cloud.outbound;

import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.inbox.InboxRequests;
import id.orqestra.model.inbox.MessageView;
import id.orqestra.model.outbound.MediaUpload;
import id.orqestra.model.outbound.OutboundRequests;
import id.orqestra.model.outbound.TemplateList;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import static id.orqestra.cloud.platform.web.Bodies.require;
import static id.orqestra.model.tenant.Permission.COMMENT_MODERATE;
import static id.orqestra.model.tenant.Permission.INBOX_REPLY;
import static id.orqestra.model.tenant.Permission.TEMPLATE_MANAGE;
import static id.orqestra.model.tenant.Permission.TEMPLATE_VIEW;

/** Sending: replies of every kind, reactions, Instagram comment answers and moderation, files to send, templates. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class OutboundController {

    private final OutboundService outbound;
    private final TemplateService templates;
    private final MediaUploads uploads;

    public OutboundController(OutboundService outbound, TemplateService templates, MediaUploads uploads) {
        this.outbound = outbound;
        this.templates = templates;
        this.uploads = uploads;
    }

    /** 201 with the new message (QUEUED), or 200 with the one an earlier try with the same key stored. */
    @Post("/conversations/{id}/messages")
    @RequiresPermission(INBOX_REPLY)
    public HttpResponse<MessageView> send(@Caller Principal.Member me, @PathVariable long id,
                                          @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                          @Body @Nullable InboxRequests.SendMessage body) {
        OutboundService.Sent sent = outbound.send(me, id, idempotencyKey, require(body,
                "Send the message as {\"text\": \"…\"}, or with media, template or interactive."));
        return HttpResponse.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    /** The target message with the business's reaction on it (sent in the background). */
    @Post("/messages/{id}/reactions")
    @RequiresPermission(INBOX_REPLY)
    public MessageView react(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable OutboundRequests.React body) {
        return outbound.react(me, id, require(body, "Send {\"emoji\": \"👍\"}, or {\"emoji\": \"\"} to take it off.").emoji());
    }

    @Post("/messages/{id}/public-reply")
    @RequiresPermission(INBOX_REPLY)
    public HttpResponse<MessageView> publicReply(@Caller Principal.Member me, @PathVariable long id,
                                                 @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                                 @Body @Nullable OutboundRequests.CommentReply body) {
        OutboundService.Sent sent = outbound.publicReply(me, id, idempotencyKey,
                require(body, "Send the reply as {\"text\": \"…\"}.").text());
        return HttpResponse.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    @Post("/messages/{id}/private-reply")
    @RequiresPermission(INBOX_REPLY)
    public HttpResponse<MessageView> privateReply(@Caller Principal.Member me, @PathVariable long id,
                                                  @Header("Idempotency-Key") @Nullable String idempotencyKey,
                                                  @Body @Nullable OutboundRequests.CommentReply body) {
        OutboundService.Sent sent = outbound.privateReply(me, id, idempotencyKey,
                require(body, "Send the reply as {\"text\": \"…\"}.").text());
        return HttpResponse.status(sent.created() ? HttpStatus.CREATED : HttpStatus.OK).body(sent.message());
    }

    @Post("/messages/{id}/moderation")
    @RequiresPermission(COMMENT_MODERATE)
    public MessageView moderate(@Caller Principal.Member me, @PathVariable long id,
                                @Body @Nullable OutboundRequests.ModerateComment body) {
        return outbound.moderate(me, id, require(body, "Send {\"action\": \"hide\"}, \"unhide\" or \"delete\".").action());
    }

    /** The file's bytes as the body and its type as Content-Type; answers the id to send it with. */
    @Post(value = "/media", consumes = MediaType.ALL)
    @RequiresPermission(INBOX_REPLY)
    public HttpResponse<MediaUpload> upload(@Caller Principal.Member me, @Body @Nullable byte[] body,
                                            @Header(HttpHeaders.CONTENT_TYPE) @Nullable String contentType,
                                            @QueryValue @Nullable String filename) {
        return HttpResponse.created(uploads.store(me, body, contentType, filename));
    }

    @Get("/templates")
    @RequiresPermission(TEMPLATE_VIEW)
    public TemplateList templates(@Caller Principal.Member me, @QueryValue @Nullable Long channelId) {
        return templates.list(me, channelId);
    }

    /** 202: the sync runs in the background; {@code GET /templates} shows how it went. */
    @Post("/templates/sync")
    @RequiresPermission(TEMPLATE_MANAGE)
    public HttpResponse<TemplateList.TemplateSyncView> sync(@Caller Principal.Member me,
                                                            @Body @Nullable OutboundRequests.SyncTemplates body) {
        return HttpResponse.accepted().body(templates.requestSync(me,
                require(body, "Send {\"channelId\": …} naming a WhatsApp channel.").channelId()));
    }
}
