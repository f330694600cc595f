-- The change feed is read in transaction-id order, and that is not commit order: two transactions that
-- change the same conversation can append their snapshots of it in the opposite order to the one they
-- committed in, and a client applying the feed in order would end with the older state. So each synced
-- row counts its changes, and clients keep the snapshot with the highest count. An update holds the
-- row's lock until commit, so the count of a row grows in commit order.
CREATE FUNCTION count_row_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.version = OLD.version THEN
        NEW.version := OLD.version + 1;
    END IF;
    RETURN NEW;
END
$$;

ALTER TABLE conversations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE messages ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE contacts ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE channels ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;

CREATE TRIGGER conversations_version BEFORE UPDATE ON conversations FOR EACH ROW EXECUTE FUNCTION count_row_change();
CREATE TRIGGER messages_version BEFORE UPDATE ON messages FOR EACH ROW EXECUTE FUNCTION count_row_change();
CREATE TRIGGER contacts_version BEFORE UPDATE ON contacts FOR EACH ROW EXECUTE FUNCTION count_row_change();
CREATE TRIGGER channels_version BEFORE UPDATE ON channels FOR EACH ROW EXECUTE FUNCTION count_row_change();
CREATE TRIGGER users_version BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION count_row_change();

-- Reactions are shown as part of their message but kept in their own table (they may arrive before
-- it): a reaction that changes is a change of the message it targets.
CREATE FUNCTION count_reaction_on_message() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE messages SET version = version + 1
     WHERE channel_id = NEW.channel_id AND provider_message_id = NEW.target_provider_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER message_reactions_version AFTER INSERT OR UPDATE ON message_reactions
    FOR EACH ROW EXECUTE FUNCTION count_reaction_on_message();
