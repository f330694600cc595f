-- Meta retries and reorders webhooks. The newest report of a contact's profile and of how a customer
-- arrived must win whatever order the deliveries come in, so each remembers when it was true.
ALTER TABLE contacts ADD COLUMN profile_at TIMESTAMPTZ;
ALTER TABLE conversations ADD COLUMN referral_at TIMESTAMPTZ;

-- Instagram read receipts say "the customer has seen the conversation up to here": kept as a
-- watermark, so a business message that arrives after the receipt is read all the same.
ALTER TABLE conversations ADD COLUMN customer_read_at TIMESTAMPTZ;
