/** First run: no events stored yet — how to send logs, with copyable snippets for this server's address. */
import { CopyBlock } from '../ui/copy.js';

export function FirstRun() {
  const origin = window.location.origin;
  const host = window.location.hostname;
  return (
    <div className="stack first-run">
      <h2>No traffic yet: send your access logs</h2>
      <p>
        Rampart reads the access logs you already have. Pick one way below, then come back: this page turns into the
        traffic view as soon as the first requests arrive. Tokens with the <code>ingest</code> scope are created under
        Settings (or <code>POST /api/v1/tokens</code>).
      </p>
      <CopyBlock
        label="nginx → syslog (needs server.syslog in the Rampart config, e.g. udpPort 5514, format nginx_combined)"
        text={`# in the http {} or server {} block\naccess_log syslog:server=${host}:5514,facility=local7,tag=nginx,severity=info combined;`}
      />
      <CopyBlock
        label="nginx → file tail (Rampart on the same host; rampart.yaml)"
        text={`server:\n  tail:\n    - path: /var/log/nginx/access.log\n      format: nginx_combined`}
      />
      <CopyBlock
        label="Cloudflare Logpush (HTTP destination; dataset http_requests, JSON lines)"
        text={`${origin}/api/v1/ingest?format=cloudflare&header_Authorization=Bearer%20<ingest-token>`}
      />
      <CopyBlock
        label="Vector (http sink)"
        text={`[sinks.rampart]\ntype = "http"\ninputs = ["nginx_logs"]\nuri = "${origin}/api/v1/ingest?format=nginx_combined"\nencoding.codec = "text"\nframing.method = "newline_delimited"\nrequest.headers.Authorization = "Bearer <ingest-token>"`}
      />
      <CopyBlock
        label="Any file, once (curl)"
        text={`curl --data-binary @/var/log/nginx/access.log \\\n  -H 'Authorization: Bearer <ingest-token>' -H 'Content-Type: text/plain' \\\n  '${origin}/api/v1/ingest?format=nginx_combined'`}
      />
      <p className="muted">
        Or try it with generated traffic: <code>rampart serve --demo</code> loads a lab day into an empty data
        directory.
      </p>
    </div>
  );
}
