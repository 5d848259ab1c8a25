/**
 * The detection and decision settings in effect (GET /api/v1/settings, read-only): services with their
 * hosts and tolerance, detector overrides, automatic-ban rules and escalation. They are changed in the
 * YAML configuration, not here.
 */
import type { DecideConfig, DetectConfig } from '@rampart/core';
import { api, unwrap } from '../api/client.js';
import { useApi } from '../api/use-api.js';
import { VirtualTable } from '../ui/table.js';

interface Settings {
  readonly detect: DetectConfig;
  readonly decide: DecideConfig;
}

const json = (v: unknown) => JSON.stringify(v);

export function ConfigSettings() {
  const { data, error } = useApi(() => unwrap<Settings>(api.GET('/api/v1/settings')), 'settings');
  if (error) return <p className="muted">Settings are not available from this server ({error}).</p>;
  if (!data) return <p className="muted">Loading…</p>;
  const { detect, decide } = data;
  const services = [
    { name: '(default)', hosts: ['(any other host)'], tolerance: detect.tolerance, detectors: detect.detectors },
    ...detect.services,
  ];
  return (
    <>
      <h4>Services</h4>
      <VirtualTable
        label="Services"
        rows={services}
        rowKey={(s) => s.name}
        columns={[
          { label: 'Service', render: (s) => s.name, width: '9rem' },
          { label: 'Hosts', render: (s) => s.hosts.join(', '), width: 'minmax(0,1fr)' },
          { label: 'Tolerance', render: (s) => s.tolerance, width: '6rem' },
          { label: 'Detector overrides', render: (s) => json(s.detectors), width: 'minmax(0,1.4fr)' },
        ]}
      />
      <h4>Automatic bans</h4>
      <VirtualTable
        label="Automatic ban rules"
        rows={decide.autoBan.map((r, i) => ({ ...r, i }))}
        rowKey={(r) => String(r.i)}
        empty="No automatic bans: every ban waits for a person (reports, simulation)."
        columns={[
          { label: 'Service', render: (r) => r.service, width: '8rem' },
          { label: 'Detectors', render: (r) => (r.detectors.length ? r.detectors.join(', ') : 'all'), width: '1fr' },
          { label: 'Min score', render: (r) => r.minScore, width: '6rem', numeric: true },
          { label: 'Actions', render: (r) => r.actions.join(', '), width: '8rem' },
        ]}
      />
      <dl className="kv">
        <dt>Escalation</dt>
        <dd>
          {decide.escalation.join(' → ')} (offences within {decide.escalationLookback})
        </dd>
        <dt>Simulation verdict</dt>
        <dd>
          safe below {decide.simulate.safeUnflaggedShare * 100}% unflagged traffic, unsafe from{' '}
          {decide.simulate.unsafeUnflaggedShare * 100}%
        </dd>
        <dt>Detection</dt>
        <dd>
          evaluated every {detect.evaluateEverySeconds} s; events up to {detect.latenessSeconds} s late accepted
        </dd>
      </dl>
    </>
  );
}
