-- Emails to owners (latchkey.token.notifications.email.*): one row per token event that calls for one, written in
-- the same transaction as the event's outbox row, so a notification exists exactly when its event does. A sender
-- (every replica runs one) claims due rows with FOR UPDATE SKIP LOCKED and a lease (next_attempt_at moved ahead),
-- sends outside any transaction, then marks the row sent, or due again later after an SMTP failure.
CREATE TABLE notification (
    id               UUID        PRIMARY KEY,            -- the CloudEvents id of the event it is about
    tenant           TEXT        NOT NULL,
    event_type       TEXT        NOT NULL,
    data             TEXT        NOT NULL,               -- the event's data (never a secret)
    hint             TEXT,                               -- the token's display hint when the event happened
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    attempts         INTEGER     NOT NULL DEFAULT 0,
    last_error       TEXT,
    sent_at          TIMESTAMPTZ,
    recipients       TEXT[],                             -- who got it (empty: nobody with a known address)
    failed_at        TIMESTAMPTZ                         -- given up after latchkey.token.notifications.email.give-up-after
);
CREATE INDEX notification_due ON notification (next_attempt_at) WHERE sent_at IS NULL AND failed_at IS NULL;
