-- Two-factor authentication (API.md §14). A user's TOTP secret, encrypted (AES-GCM, key from
-- erp.totp.encryption-key), not in force until confirmed; the last time step a code was used
-- for, so a code is accepted once (-1: none yet).

CREATE TABLE erp_user_totp (
    user_id        INTEGER      NOT NULL PRIMARY KEY REFERENCES erp_user (id) ON DELETE CASCADE,
    secret         VARCHAR(128) NOT NULL,
    enabled        BOOLEAN      NOT NULL,
    last_used_step BIGINT       NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Browsers remembered to skip the code ("remember this browser"): the cookie's token only as a
-- SHA-256 hash, bound to the user.
CREATE TABLE erp_trusted_device (
    id          VARCHAR(32) NOT NULL PRIMARY KEY,
    user_id     INTEGER     NOT NULL REFERENCES erp_user (id) ON DELETE CASCADE,
    token_hash  VARCHAR(64) NOT NULL,
    browser     VARCHAR(64) NOT NULL,
    platform    VARCHAR(64) NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT erp_trusted_device_token UNIQUE (token_hash)
);

CREATE INDEX erp_trusted_device_user ON erp_trusted_device (user_id);
