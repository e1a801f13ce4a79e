-- Alerts sent (migration 010): one row per alert key (kind + what it is about), so the same alert
-- is not repeated within the dedup window across processes, and the hourly cap can be counted.
CREATE TABLE IF NOT EXISTS alert_state (
  alert_key     text PRIMARY KEY,
  kind          text NOT NULL,
  source_id     text,
  first_sent_at timestamptz NOT NULL DEFAULT now(),
  last_sent_at  timestamptz NOT NULL DEFAULT now(),
  times_sent    integer NOT NULL DEFAULT 1,
  last_alert    jsonb NOT NULL DEFAULT '{}'::jsonb,
  channels      jsonb NOT NULL DEFAULT '[]'::jsonb
);
CREATE INDEX IF NOT EXISTS alert_state_sent_idx ON alert_state (last_sent_at DESC);
