-- The schema as version 5 of the service created it in PostgreSQL: the version 4 schema (Migrations/v4), then
-- migration 5 (rate limits across instances), recorded as version 5. Taken from SchemaMigrations of that
-- release (commit baa570b).
CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL);

CREATE TABLE IF NOT EXISTS uploads (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    file_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    source TEXT NOT NULL,
    status TEXT NOT NULL,
    job_id TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    expires_at BIGINT NOT NULL,
    asset_options TEXT,
    config TEXT,
    content_type TEXT,
    entity_id TEXT,
    error_message TEXT,
    file_size BIGINT,
    original_file_name TEXT,
    parts_count BIGINT,
    part_size BIGINT,
    provider TEXT,
    url TEXT,
    source_reference TEXT,
    storage_upload_id TEXT,
    sha256 TEXT,
    inspection TEXT,
    bytes_deleted BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS ix_uploads_owner_created ON uploads (owner_id, created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS ix_uploads_status_expires ON uploads (status, expires_at);

CREATE TABLE IF NOT EXISTS upload_parts (
    upload_id TEXT NOT NULL,
    number BIGINT NOT NULL,
    size BIGINT NOT NULL,
    etag TEXT NOT NULL,
    uploaded_at BIGINT NOT NULL,
    PRIMARY KEY (upload_id, number)
);

CREATE TABLE IF NOT EXISTS jobs (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    job_type TEXT NOT NULL,
    status TEXT NOT NULL,
    progress DOUBLE PRECISION NOT NULL DEFAULT 0,
    metadata TEXT,
    attempts BIGINT NOT NULL DEFAULT 0,
    runnable BIGINT NOT NULL DEFAULT 0,
    not_before BIGINT NOT NULL DEFAULT 0,
    lease_owner TEXT,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX IF NOT EXISTS ix_jobs_runnable ON jobs (not_before, created_at) WHERE runnable = 1;

CREATE TABLE IF NOT EXISTS assets (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    collection_ids TEXT NOT NULL,
    hidden BIGINT NOT NULL,
    parent_id TEXT,
    metadata TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS models (
    id TEXT PRIMARY KEY,
    owner_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    name TEXT NOT NULL,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    file_size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    storage_key TEXT NOT NULL,
    source TEXT,
    config TEXT,
    metadata TEXT,
    created_at BIGINT NOT NULL
);

CREATE TABLE IF NOT EXISTS api_keys (
    api_key TEXT PRIMARY KEY,
    secret_hash TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    author_id TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

-- Migration 3
CREATE TABLE IF NOT EXISTS webhook_keys (api_key TEXT PRIMARY KEY);
ALTER TABLE jobs ADD COLUMN target TEXT;
CREATE INDEX IF NOT EXISTS ix_uploads_owner_status ON uploads (owner_id, status);
CREATE INDEX IF NOT EXISTS ix_assets_owner ON assets (owner_id);
CREATE INDEX IF NOT EXISTS ix_models_owner ON models (owner_id);

-- Migration 4
CREATE TABLE IF NOT EXISTS idempotency_keys (
    owner_id TEXT NOT NULL,
    idem_key TEXT NOT NULL,
    request_sha256 TEXT NOT NULL,
    upload_id TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (owner_id, idem_key)
);
CREATE INDEX IF NOT EXISTS idempotency_keys_created ON idempotency_keys (created_at);
CREATE TABLE IF NOT EXISTS rate_limit_windows (
    policy TEXT NOT NULL,
    owner_id TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    window_end BIGINT NOT NULL,
    used BIGINT NOT NULL,
    last_grant BIGINT NOT NULL,
    PRIMARY KEY (policy, owner_id, window_start)
);
CREATE INDEX IF NOT EXISTS ix_rate_limit_windows_end ON rate_limit_windows (window_end);
CREATE TABLE IF NOT EXISTS service_instances (
    instance_id TEXT PRIMARY KEY,
    seen_at BIGINT NOT NULL
);

INSERT INTO schema_version (version) VALUES (5);
