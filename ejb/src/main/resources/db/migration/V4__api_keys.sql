-- API keys (API.md §13): a key is stored only as the SHA-256 of the whole key, under its public
-- id, the lookup prefix written inside the key. Sessions that the Odoo route started with a key
-- name it on their device, so revoking the key ends them too.

CREATE TABLE erp_api_key (
    id           VARCHAR(16)  NOT NULL PRIMARY KEY,
    user_id      INTEGER      NOT NULL REFERENCES erp_user (id) ON DELETE CASCADE,
    name         VARCHAR(64)  NOT NULL,
    key_hash     VARCHAR(64)  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at   TIMESTAMP WITH TIME ZONE,
    last_used_at TIMESTAMP WITH TIME ZONE,
    revoked_at   TIMESTAMP WITH TIME ZONE
);

CREATE INDEX erp_api_key_user ON erp_api_key (user_id, revoked_at);

ALTER TABLE erp_device ADD COLUMN api_key_id VARCHAR(16);

CREATE INDEX erp_device_api_key ON erp_device (api_key_id, ended_at);
