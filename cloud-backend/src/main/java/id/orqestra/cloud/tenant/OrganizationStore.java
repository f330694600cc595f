package id.orqestra.cloud.tenant;

import id.orqestra.model.tenant.BuiltInRole;
import id.orqestra.model.tenant.Permission;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;

import java.util.Comparator;
import java.util.Optional;

/** Organizations and their built-in roles. */
@Singleton
public class OrganizationStore {

    public Optional<Long> findBySlug(Handle h, String slug) {
        return h.createQuery("SELECT id FROM organizations WHERE slug = :slug").bind("slug", slug).mapTo(Long.class).findOne();
    }

    /** Creates the organization with the five built-in roles. */
    public long create(Handle h, String name, String slug) {
        long orgId = h.createQuery("INSERT INTO organizations (name, slug) VALUES (:name, :slug) RETURNING id")
                .bind("name", name).bind("slug", slug).mapTo(Long.class).one();
        for (BuiltInRole role : BuiltInRole.values()) {
            h.createUpdate("INSERT INTO roles (org_id, name, built_in, permissions) VALUES (:org, :name, :builtIn, :permissions)")
                    .bind("org", orgId)
                    .bind("name", role.displayName())
                    .bind("builtIn", role.name())
                    .bind("permissions", role.permissions().stream().sorted(Comparator.naturalOrder())
                            .map(Permission::key).toArray(String[]::new))
                    .execute();
        }
        return orgId;
    }

    public long builtInRoleId(Handle h, long orgId, BuiltInRole role) {
        return h.createQuery("SELECT id FROM roles WHERE org_id = :org AND built_in = :role")
                .bind("org", orgId).bind("role", role.name()).mapTo(Long.class).one();
    }
}
