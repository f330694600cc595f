package id.orqestra.cloud.platform.db;

import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * Runs work in one database transaction. Tenant work names its organization: the transaction then
 * carries it as {@code app.org_id}, which row-level security policies check as a second line of
 * defence behind the queries' own {@code org_id} conditions.
 */
@Singleton
public class Tx {

    private final Jdbi jdbi;

    public Tx(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Work for one organization. */
    public <R, X extends Exception> R inOrg(long orgId, HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(handle -> {
            setOrg(handle, orgId);
            return work.withHandle(handle);
        });
    }

    /** Work that is not bound to one organization (routing, platform administration, jobs). */
    public <R, X extends Exception> R system(HandleCallback<R, X> work) throws X {
        return jdbi.inTransaction(handle -> {
            handle.execute("SELECT set_config('app.org_id', '', true)");
            return work.withHandle(handle);
        });
    }

    /** Switches the transaction to an organization once it is known (for example after routing a webhook). */
    public static void setOrg(Handle handle, long orgId) {
        handle.createQuery("SELECT set_config('app.org_id', :org, true)")
                .bind("org", Long.toString(orgId))
                .mapTo(String.class)
                .one();
    }

    public Jdbi jdbi() {
        return jdbi;
    }
}
