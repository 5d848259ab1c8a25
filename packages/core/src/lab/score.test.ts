import { describe, expect, it } from 'vitest';
import type { LabActor, LabLabels } from './labels.js';
import { scoreLab } from './score.js';
import { parseFindings, parseLabels, type ScoredFinding } from './score-input.js';

function actor(a: Partial<LabActor> & Pick<LabActor, 'id' | 'label' | 'scenario' | 'ips'>): LabActor {
  return { entity: { kind: 'ip', value: a.ips[0] ?? '' }, apiKeys: [], requests: 10, ...a };
}

const labels: LabLabels = {
  seed: 1,
  scale: 1,
  date: '2026-11-20',
  params: {} as LabLabels['params'],
  formats: ['nginx'],
  lines: 0,
  actors: [
    actor({ id: 'scan-1', label: 'abuse', category: 'scanning', scenario: 'burst_scanner', ips: ['203.0.113.5'] }),
    actor({
      id: 'stuff-1',
      label: 'abuse',
      category: 'credential_stuffing',
      scenario: 'credential_stuffing_slow_drip',
      entity: { kind: 'campaign', value: 'stuffing-1' },
      ips: ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'],
    }),
    actor({
      id: 'enum-1',
      label: 'abuse',
      category: 'enumeration',
      scenario: 'api_user_enumeration',
      entity: { kind: 'api_key', value: 'sk_1' },
      ips: ['192.0.2.77'],
      apiKeys: ['sk_1'],
    }),
    actor({ id: 'human-1', label: 'benign', kind: 'human', scenario: 'human', ips: ['2001:db8::1'] }),
    actor({ id: 'cgnat-1', label: 'benign', kind: 'cgnat_gateway', scenario: 'cgnat_gateway', ips: ['172.58.1.1'] }),
    actor({ id: 'office-1', label: 'benign', kind: 'office_nat', scenario: 'office_nat', ips: ['38.1.1.1'] }),
    actor({
      id: 'googlebot-1',
      label: 'benign',
      kind: 'verified_crawler',
      scenario: 'googlebot',
      entity: { kind: 'campaign', value: 'googlebot' },
      ips: ['66.249.66.1', '66.249.66.2'],
    }),
  ],
};

function finding(f: Partial<ScoredFinding> & Pick<ScoredFinding, 'entity'>): ScoredFinding {
  return { detector: 'test', category: 'scanning', ips: undefined, action: 'ban', ...f };
}

describe('scoreLab', () => {
  it('scores a perfect run: every scenario found, nothing benign flagged', () => {
    const s = scoreLab(labels, [
      finding({ entity: { kind: 'ip', value: '203.0.113.5' } }),
      finding({
        entity: { kind: 'campaign', value: 'c1' },
        category: 'credential_stuffing',
        ips: ['198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4'],
      }),
      finding({ entity: { kind: 'api_key', value: 'sk_1' }, category: 'enumeration' }),
    ]);
    expect(s.precision).toBe(1);
    expect(s.macroRecall).toBe(1);
    expect(s.truePositives).toBe(6); // 1 scanner + 4 stuffing addresses + 1 key
    expect(s.passed).toBe(true);
    expect(s.scenarios.every((x) => x.categoryMatch === 1)).toBe(true);
  });

  it('counts half of a campaign as recall 0.5 for its scenario and averages scenarios for macro recall', () => {
    const s = scoreLab(labels, [
      finding({ entity: { kind: 'campaign', value: 'c1' }, ips: ['198.51.100.1', '198.51.100.2'], category: 'flood' }),
    ]);
    const stuffing = s.scenarios.find((x) => x.scenario === 'credential_stuffing_slow_drip');
    expect(stuffing?.recall).toBe(0.5);
    expect(stuffing?.categoryMatch).toBe(0); // found, but as a flood
    expect(s.macroRecall).toBeCloseTo(0.5 / 3, 10);
    expect(s.passed).toBe(false);
    expect(s.failures.join()).toContain('macro recall');
  });

  it("flags an API key, not the addresses listed as the key's users", () => {
    const s = scoreLab(labels, [
      finding({
        entity: { kind: 'api_key', value: 'sk_1' },
        category: 'api_key_abuse',
        ips: ['192.0.2.77', '2001:db8::1'],
      }),
    ]);
    expect(s.flaggedUnits).toBe(1);
    expect(s.falsePositives).toBe(0);
    expect(s.humansFlagged).toBe(0);
  });

  it('finds an API-key actor by its address when the log carries no key', () => {
    const s = scoreLab(labels, [finding({ entity: { kind: 'ip', value: '192.0.2.77' }, category: 'enumeration' })]);
    expect(s.scenarios.find((x) => x.scenario === 'api_user_enumeration')?.recall).toBe(1);
  });

  it('counts benign and unlabelled addresses as false positives and tallies the hard negatives', () => {
    const s = scoreLab(labels, [
      finding({ entity: { kind: 'ip', value: '203.0.113.5' } }),
      finding({ entity: { kind: 'ip', value: '2001:DB8:0:0::1' } }), // the human, written differently
      finding({ entity: { kind: 'ip', value: '172.58.1.1' }, action: 'throttle' }),
      finding({ entity: { kind: 'ip', value: '38.1.1.1' } }),
      finding({ entity: { kind: 'ip', value: '100.64.0.9' } }), // nobody in the labels
    ]);
    expect(s.truePositives).toBe(1);
    expect(s.falsePositives).toBe(4);
    expect(s.precision).toBe(0.2);
    expect(s.humansFlagged).toBe(1);
    expect(s.cgnatFlagged).toBe(1);
    expect(s.officeNatFlagged).toBe(1);
    expect(s.failures.join()).toMatch(/CGNAT.*office NAT/);
    expect(s.falsePositiveSamples.map((f) => f.kind)).toContain('unlabelled');
  });

  it('allows throttle or monitor findings on verified crawlers but fails the run on a crawler ban', () => {
    const throttled = scoreLab(labels, [
      finding({ entity: { kind: 'ip', value: '66.249.66.1' }, category: 'flood', action: 'throttle' }),
    ]);
    expect(throttled.allowedCrawlerUnits).toBe(1);
    expect(throttled.falsePositives).toBe(0);
    expect(throttled.verifiedCrawlersFlagged).toBe(0);
    const banned = scoreLab(labels, [finding({ entity: { kind: 'ip', value: '66.249.66.2' }, action: 'ban' })]);
    expect(banned.verifiedCrawlersFlagged).toBe(1);
    expect(banned.failures.join()).toContain('verified crawler');
  });

  it('expands a cidr finding without ips to the labelled addresses inside it', () => {
    const s = scoreLab(labels, [
      finding({ entity: { kind: 'cidr', value: '198.51.100.0/24' }, category: 'credential_stuffing' }),
    ]);
    expect(s.truePositives).toBe(4);
    expect(s.scenarios.find((x) => x.scenario === 'credential_stuffing_slow_drip')?.recall).toBe(1);
  });

  it('leaves excluded scenarios out of macro recall', () => {
    const found = [finding({ entity: { kind: 'ip', value: '203.0.113.5' } })];
    const excludeScenarios = ['credential_stuffing_slow_drip', 'api_user_enumeration'];
    const s = scoreLab(labels, found, { minPrecision: 0.99, minMacroRecall: 0.9, excludeScenarios });
    expect(s.scenarios.map((x) => x.scenario)).toEqual(['burst_scanner']);
    expect(s.macroRecall).toBe(1);
  });

  it('counts an address flagged twice once', () => {
    const f = finding({ entity: { kind: 'ip', value: '203.0.113.5' } });
    expect(scoreLab(labels, [f, { ...f, category: 'flood' }]).flaggedUnits).toBe(1);
  });
});

describe('score inputs', () => {
  it('skips malformed findings with a count instead of throwing', () => {
    const parsed = parseFindings({
      findings: [
        { entity: { kind: 'ip', value: '203.0.113.5' }, category: 'scanning', recommendation: { action: 'ban' } },
        { entity: { kind: 'galaxy', value: 'x' }, category: 'scanning' },
        { category: 'not_a_category' },
        null,
      ],
    });
    expect('findings' in parsed && parsed.findings.length).toBe(1);
    expect('invalid' in parsed && parsed.invalid).toBe(3);
  });

  it('rejects files that are not findings or labels', () => {
    expect(parseFindings({ nope: 1 })).toHaveProperty('error');
    expect(parseLabels({ actors: [{ id: 'x' }] })).toHaveProperty('error');
    expect(parseLabels(labels)).toHaveProperty('actors');
  });
});
