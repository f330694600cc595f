-- Workers claim the oldest pending bodies first. An index in that order lets the claim stop after a
-- few rows instead of sorting every pending body (which made each claim cost milliseconds under a
-- backlog of thousands).
DROP INDEX IF EXISTS webhook_journal_due;
CREATE INDEX webhook_journal_pending ON webhook_journal (id) WHERE state = 'pending';
