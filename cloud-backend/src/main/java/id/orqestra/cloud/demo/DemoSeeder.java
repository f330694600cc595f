package id.orqestra.cloud.demo;

import id.orqestra.cloud.channel.ChannelStore;
import id.orqestra.cloud.sync.ChangeFeed;
import id.orqestra.cloud.sync.ConversationHandover;
import id.orqestra.cloud.platform.db.Tx;
import id.orqestra.cloud.tenant.OrganizationStore;
import id.orqestra.cloud.tenant.UserStore;
import id.orqestra.model.tenant.BuiltInRole;
import jakarta.inject.Singleton;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * Creates the demo organization of the public contract — its owner and agent logins and a channel for
 * every account the samples talk to — and adds channels for accounts that new fixture folders bring.
 * Running it again changes nothing that exists.
 */
@Singleton
public class DemoSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(DemoSeeder.class);
    /**
     * Samples named like this deliberately talk to an account nobody owns, to show how unrouted
     * webhooks are kept; the demo does not give them a channel.
     */
    static final String FOREIGN_ACCOUNT_MARK = "unknown-account";

    private final Tx tx;
    private final OrganizationStore organizations;
    private final UserStore users;
    private final ChannelStore channels;
    private final ChangeFeed feed;

    public DemoSeeder(Tx tx, OrganizationStore organizations, UserStore users, ChannelStore channels, ChangeFeed feed) {
        this.tx = tx;
        this.organizations = organizations;
        this.users = users;
        this.channels = channels;
        this.feed = feed;
    }

    /** Seeds the organization and a channel for every account in {@code samples}; returns the organization id. */
    public long seed(String organizationName, List<SampleLibrary.Sample> samples) {
        SampleAccounts accounts = new SampleAccounts();
        samples.stream()
                .filter(s -> !s.name().contains(FOREIGN_ACCOUNT_MARK))
                .forEach(s -> accounts.add(s.platform(), s.body()));
        return tx.system(h -> {
            long orgId = organizations.findBySlug(h, DemoSettings.ORGANIZATION_SLUG)
                    .orElseGet(() -> createOrganization(h, organizationName));
            tx.enterOrg(h, orgId);
            int added = addChannels(h, orgId, accounts);
            if (added > 0) {
                LOG.info("Demo: {} channels added for the accounts in the samples", added);
            }
            return orgId;
        });
    }

    private long createOrganization(Handle h, String name) {
        long orgId = organizations.create(h, name, DemoSettings.ORGANIZATION_SLUG);
        users.create(h, orgId, DemoSettings.OWNER_EMAIL, "Dewi Owner", DemoSettings.PASSWORD,
                organizations.builtInRoleId(h, orgId, BuiltInRole.OWNER));
        users.create(h, orgId, DemoSettings.AGENT_EMAIL, "Raka Agent", DemoSettings.PASSWORD,
                organizations.builtInRoleId(h, orgId, BuiltInRole.AGENT));
        LOG.info("Demo: organization '{}' created; sign in as {} or {} with password {}", name,
                DemoSettings.OWNER_EMAIL, DemoSettings.AGENT_EMAIL, DemoSettings.PASSWORD);
        return orgId;
    }

    private int addChannels(Handle h, long orgId, SampleAccounts accounts) {
        int added = 0;
        for (Map.Entry<String, String> number : accounts.whatsAppNumbers().entrySet()) {
            if (exists(h, "wa_phone_number_id", number.getKey())) {
                continue;
            }
            String display = accounts.displayNumber(number.getKey());
            channels.createWhatsApp(h, orgId, new ChannelStore.NewWhatsAppChannel(
                    "WhatsApp " + (display != null ? "+" + display : number.getKey()), number.getValue(), number.getKey(),
                    display, DemoSettings.ACCESS_TOKEN));
            added++;
        }
        for (String waba : accounts.businessAccountsWithoutNumbers()) {
            if (exists(h, "wa_business_account_id", waba)) {
                continue;
            }
            channels.createWhatsApp(h, orgId, new ChannelStore.NewWhatsAppChannel(
                    "WhatsApp account " + waba, waba, null, null, DemoSettings.ACCESS_TOKEN));
            added++;
        }
        for (String account : accounts.instagramAccounts()) {
            if (exists(h, "ig_account_id", account)) {
                continue;
            }
            channels.createInstagram(h, orgId, new ChannelStore.NewInstagramChannel(
                    "Instagram " + account, account, null, DemoSettings.ACCESS_TOKEN));
            added++;
        }
        return added;
    }

    /**
     * Gives the demo agent their share: every other conversation in the order they were created, and
     * the conversation whose window is closed ({@link ClosedWindowSample}). The agent's role sees only
     * what is assigned to them, and the owner keeps an "Unassigned" queue to work from. The share is
     * chosen by conversation id, which a restart does not change, so starting the demo again on the
     * same data assigns nothing new; only conversations nobody has are given.
     */
    public int assignShareToAgent(long orgId) {
        return tx.inOrg(orgId, h -> {
            Long agent = h.createQuery("SELECT id FROM users WHERE email = :email").bind("email", DemoSettings.AGENT_EMAIL)
                    .mapTo(Long.class).findOne().orElse(null);
            if (agent == null) {
                return 0;
            }
            List<Long> assigned = h.createQuery("""
                            WITH ranked AS (
                                SELECT c.id, c.assignee_user_id, c.last_message_at,
                                       row_number() OVER (ORDER BY c.id) AS n,
                                       c.id IN (SELECT m.conversation_id FROM messages m
                                                 WHERE m.org_id = :org AND m.provider_message_id = :closedWindow) AS closed_window
                                  FROM conversations c WHERE c.org_id = :org)
                            UPDATE conversations c SET assignee_user_id = :agent, updated_at = now()
                              FROM ranked
                             WHERE c.id = ranked.id AND ranked.assignee_user_id IS NULL AND ranked.last_message_at IS NOT NULL
                               AND (ranked.n % 2 = 1 OR ranked.closed_window)
                            RETURNING c.id
                            """)
                    .bind("org", orgId).bind("agent", agent).bind("closedWindow", ClosedWindowSample.MESSAGE_ID)
                    .mapTo(Long.class).list();
            // the agent's desktop may be open: it gets the contacts and messages with the conversations
            feed.appendAll(h, orgId, ConversationHandover.changes(h, assigned));
            return assigned.size();
        });
    }

    private static boolean exists(Handle h, String column, String value) {
        return h.createQuery("SELECT count(*) FROM channels WHERE " + column + " = :value")
                .bind("value", value).mapTo(Integer.class).one() > 0;
    }
}
