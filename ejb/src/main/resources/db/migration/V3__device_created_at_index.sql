-- The administrators' overview counts the sign-ins of the last hour (every sign-in opens a
-- device): by this index, not by a scan of the whole device log, which only grows.

CREATE INDEX erp_device_created ON erp_device (created_at);
