package id.orqestra.cloud.testing;

import id.orqestra.cloud.channel.ChannelStore;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.tenant.OrganizationStore;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.model.tenant.BuiltInRole;
import jakarta.inject.Singleton;

/** Builds organizations, users and channels for tests through the real stores. */
@Singleton
public class TestOrganizations {

    private final Tx tx;
    private final OrganizationStore organizations;
    private final UserStore users;
    private final ChannelStore channels;

    public TestOrganizations(Tx tx, OrganizationStore organizations, UserStore users, ChannelStore channels) {
        this.tx = tx;
        this.organizations = organizations;
        this.users = users;
        this.channels = channels;
    }

    public long organization(String name, String slug) {
        return tx.system(h -> organizations.create(h, name, slug));
    }

    public long user(long orgId, String email, String password, BuiltInRole role) {
        return tx.inOrg(orgId, h -> users.create(h, orgId, email, email, password, organizations.builtInRoleId(h, orgId, role)));
    }

    public long whatsApp(long orgId, String wabaId, String phoneNumberId, String token) {
        return tx.inOrg(orgId, h -> channels.createWhatsApp(h, orgId,
                new ChannelStore.NewWhatsAppChannel("WA " + phoneNumberId, wabaId, phoneNumberId, "15550001111", token)));
    }

    public long instagram(long orgId, String accountId, String token) {
        return tx.inOrg(orgId, h -> channels.createInstagram(h, orgId,
                new ChannelStore.NewInstagramChannel("IG " + accountId, accountId, "shop", token)));
    }
}
