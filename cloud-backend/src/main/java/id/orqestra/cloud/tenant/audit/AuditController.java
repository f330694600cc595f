package id.orqestra.cloud.tenant.audit;

import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.tenant.access.Caller;
import id.orqestra.cloud.tenant.access.Principal;
import id.orqestra.cloud.tenant.access.RequiresPermission;
import id.orqestra.model.admin.AuditEntry;
import id.orqestra.model.tenant.Permission;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.util.List;

@Controller("/api/v1/audit")
@ExecuteOn(TaskExecutors.BLOCKING)
public class AuditController {

    private final Tx tx;
    private final AuditLog audit;

    public AuditController(Tx tx, AuditLog audit) {
        this.tx = tx;
        this.audit = audit;
    }

    @Get
    @RequiresPermission(Permission.ORG_SETTINGS)
    public List<AuditEntry> recent(@Caller Principal.Member me, @QueryValue(defaultValue = "100") int limit) {
        int bounded = Math.max(1, Math.min(limit, 1000));
        return tx.inOrg(me.orgId(), h -> audit.recent(h, me.orgId(), bounded));
    }
}
