-- The device log: one row per session (Odoo's res.device), named by an opaque random handle,
-- never by the session id. A session is valid only while its row is not ended.

CREATE TABLE erp_device (
    id                  VARCHAR(32)  NOT NULL PRIMARY KEY,
    user_id             INTEGER      NOT NULL REFERENCES erp_user (id) ON DELETE CASCADE,
    ip_address          VARCHAR(64)  NOT NULL,
    user_agent          VARCHAR(512) NOT NULL,
    browser             VARCHAR(64)  NOT NULL,
    platform            VARCHAR(64)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    idle_timeout_s      BIGINT       NOT NULL,
    idle_expires_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    absolute_expires_at TIMESTAMP WITH TIME ZONE NOT NULL,
    ended_at            TIMESTAMP WITH TIME ZONE,
    end_reason          VARCHAR(16)
);

CREATE INDEX erp_device_user_open ON erp_device (user_id, ended_at);
CREATE INDEX erp_device_open ON erp_device (ended_at, idle_expires_at);
