-- Certificates applications registered themselves for self_signed_tls_client_auth (RFC 8705 §2.2). Only what the
-- token endpoint matches (the thumbprint) and what the listing shows: no PEM, and there is never a key.
CREATE TABLE self_signed_certificates (
    tenant           text NOT NULL,
    application_id   uuid NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    thumbprint       text NOT NULL,
    serial_number    text NOT NULL,
    not_before       timestamptz NOT NULL,
    not_after        timestamptz NOT NULL,
    created_at       timestamptz NOT NULL,
    -- per application, not global: refusing a certificate another tenant registered would tell that it exists
    PRIMARY KEY (application_id, thumbprint)
);
