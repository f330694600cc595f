package id.orqestra.cloud.sync;

import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.sync.SyncPages;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ALL;
import static id.orqestra.model.tenant.Permission.INBOX_VIEW_ASSIGNED;

/** Catch-up over REST; the WebSocket ({@link SyncSocket}) carries the same events live. */
@Controller("/api/v1/sync")
@ExecuteOn(TaskExecutors.BLOCKING)
public class SyncController {

    private final SyncService sync;

    public SyncController(SyncService sync) {
        this.sync = sync;
    }

    @Get("/events")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public SyncPages.EventPage events(@Caller Principal.Member me, @QueryValue @Nullable String after,
                                      @QueryValue(defaultValue = "500") int limit) {
        return sync.events(me, after, limit);
    }

    @Get("/snapshot")
    @RequiresPermission({INBOX_VIEW_ALL, INBOX_VIEW_ASSIGNED})
    public SyncPages.Snapshot snapshot(@Caller Principal.Member me, @QueryValue @Nullable String pageToken,
                                       @QueryValue(defaultValue = "100") int limit) {
        return sync.snapshot(me, pageToken, limit);
    }
}
