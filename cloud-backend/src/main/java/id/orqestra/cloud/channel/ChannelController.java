package id.orqestra.cloud.channel;

import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.admin.AccountNoticeView;
import id.orqestra.model.channel.ChannelRequests;
import id.orqestra.model.inbox.ChannelView;
import id.orqestra.model.tenant.Permission;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

import static id.orqestra.cloud.platform.web.Bodies.require;

/** Channel setup. Tokens go in and are never returned. */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING)
public class ChannelController {

    private final ChannelService channels;

    public ChannelController(ChannelService channels) {
        this.channels = channels;
    }

    @Get("/channels")
    @RequiresPermission(Permission.CHANNEL_VIEW)
    public List<ChannelView> list(@Caller Principal.Member me) {
        return channels.list(me);
    }

    @Post("/channels/whatsapp")
    @RequiresPermission(Permission.CHANNEL_MANAGE)
    public HttpResponse<ChannelView> connectWhatsApp(@Caller Principal.Member me, @Body @Nullable ChannelRequests.ConnectWhatsApp body) {
        return HttpResponse.created(channels.connectWhatsApp(me, require(body,
                "Send name, businessAccountId, phoneNumberId, displayPhoneNumber and accessToken.")));
    }

    @Post("/channels/instagram")
    @RequiresPermission(Permission.CHANNEL_MANAGE)
    public HttpResponse<ChannelView> connectInstagram(@Caller Principal.Member me, @Body @Nullable ChannelRequests.ConnectInstagram body) {
        return HttpResponse.created(channels.connectInstagram(me, require(body, "Send name, accountId, username and accessToken.")));
    }

    @Patch("/channels/{id}")
    @RequiresPermission(Permission.CHANNEL_MANAGE)
    public ChannelView update(@Caller Principal.Member me, @PathVariable long id, @Body @Nullable ChannelRequests.UpdateChannel body) {
        return channels.update(me, id, require(body, "Send name, enabled or accessToken."));
    }

    @Get("/channels/notices")
    @RequiresPermission({Permission.CHANNEL_VIEW, Permission.TEMPLATE_VIEW})
    public List<AccountNoticeView> notices(@Caller Principal.Member me, @QueryValue(defaultValue = "100") int limit) {
        return channels.notices(me, Math.max(1, Math.min(limit, 500)));
    }
}
