-- Shipped by libs/outbox; every producing or consuming service lists db/outbox in quarkus.flyway.locations.

-- Events written in the same transaction as the change they describe; the relay publishes them in seq order.
CREATE TABLE outbox (
    seq          BIGSERIAL PRIMARY KEY,
    event_id     TEXT        NOT NULL UNIQUE,
    source       TEXT        NOT NULL,
    type         TEXT        NOT NULL,
    subject      TEXT,
    tenant       TEXT,
    event_time   TIMESTAMPTZ NOT NULL,
    topic        TEXT        NOT NULL,
    record_key   TEXT,
    data         TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at      TIMESTAMPTZ
);
CREATE INDEX outbox_unsent ON outbox (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_sent_at ON outbox (sent_at) WHERE sent_at IS NOT NULL;

-- CloudEvents ids a consumer has already applied: at-least-once delivery, exactly-once effect.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     TEXT        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_age ON processed_event (processed_at);
