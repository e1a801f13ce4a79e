// What an alert is once a rule has fired: a stable key for deduplication, what it is about
// (a source, a seller, a queue), when the event happened, and the dashboard page to open.
export type AlertKind =
  | 'zero-posts'
  | 'posts-drop'
  | 'crawl-errors'
  | 'robots-change'
  | 'queue-backlog'
  | 'failed-jobs'
  | 'new-seller'
  | 'capture-failures'
  /** Sent by `certwatch alerts --test` to check the channels; never deduplicated. */
  | 'test';

export interface Alert {
  /** Same key, same alert: not sent again within the dedup window. */
  key: string;
  kind: AlertKind;
  severity: 'critical' | 'warning' | 'info';
  /** The source the alert is about, when it is about one. */
  source: string | null;
  title: string;
  message: string;
  /** Path on the dashboard (joined to dashboard.publicUrl when delivered). */
  path: string;
  /** When the event behind the alert happened (a run finished, a seller appeared). */
  eventAt: Date;
  facts: Record<string, unknown>;
}

/** What a webhook receives (one POST per alert) and what the e-mail says in words. */
export interface AlertPayload {
  kind: AlertKind;
  key: string;
  severity: Alert['severity'];
  source: string | null;
  title: string;
  message: string;
  url: string;
  eventAt: string;
  sentAt: string;
  installation: string | null;
  facts: Record<string, unknown>;
}

export function toPayload(a: Alert, baseUrl: string, installation: string | null, sentAt = new Date()): AlertPayload {
  return {
    kind: a.kind,
    key: a.key,
    severity: a.severity,
    source: a.source,
    title: a.title,
    message: a.message,
    // Relative to the base, so a dashboard served under a path prefix keeps it.
    url: new URL(a.path.replace(/^\/+/, ''), `${baseUrl.replace(/\/+$/, '')}/`).toString(),
    eventAt: a.eventAt.toISOString(),
    sentAt: sentAt.toISOString(),
    installation,
    facts: a.facts,
  };
}
