-- What an agent's send asked for, as a digest, next to the Idempotency-Key it came with: a retry with
-- the same key and the same request gets the stored message back; the same key with a different request
-- is refused instead of silently answering with the first message.
ALTER TABLE messages ADD COLUMN request_digest TEXT;
