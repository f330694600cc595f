package id.orqestra.cloud.platform.db;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work in one database transaction. Tenant work names its organization: the transaction then
 * runs as the role {@code orqestra_tenant} with {@code app.org_id} set, so PostgreSQL's row-level
 * security hides other organizations' rows even from a query that forgot its {@code org_id}
 * condition — a second line of defence behind the queries themselves.
 */
@Singleton
public class Tx {

    private static final Logger LOG = LoggerFactory.getLogger(Tx.class);

    private final Jdbi jdbi;
    private final boolean rowLevelSecurity;

    public Tx(Jdbi jdbi) {
        this.jdbi = jdbi;
        this.rowLevelSecurity = jdbi.withHandle(h -> h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orqestra_tenant')
                           AND pg_has_role(current_user, 'orqestra_tenant', 'MEMBER')
                        """).mapTo(Boolean.class).one());
        if (!rowLevelSecurity) {
            LOG.warn("Row-level security is off: the database user may not create or use the role orqestra_tenant. "
                    + "Tenant isolation relies on the queries alone.");
        }
    }

    /** Work for one organization. */
    public <R, X extends Exception> R inOrg(long orgId, HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(handle -> {
            enterOrg(handle, orgId);
            return work.withHandle(handle);
        });
    }

    /** Work that is not bound to one organization (routing, sign-in, platform administration, jobs). */
    public <R, X extends Exception> R system(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(work);
    }

    /** Narrows a running transaction to one organization once it is known (for example after routing a webhook). */
    public void enterOrg(Handle handle, long orgId) {
        // one round trip: the organization, and (when available) the role its policies apply to
        handle.createQuery("SELECT set_config('app.org_id', :org, true) AS org, set_config('role', :role, true) AS role")
                .bind("org", Long.toString(orgId))
                .bind("role", tenantRole())
                .mapToMap()
                .one();
    }

    /** The role tenant work runs as: {@code orqestra_tenant} under row-level security, else {@code none} (unchanged). */
    public String tenantRole() {
        return rowLevelSecurity ? "orqestra_tenant" : "none";
    }

    public boolean rowLevelSecurity() {
        return rowLevelSecurity;
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
