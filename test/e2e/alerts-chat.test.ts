/**
 * Chat channels against Slack-, Teams- and Discord-shaped receivers on loopback: the Block Kit payload
 * (header, summary, counts by category, top findings with entity/score/recommendation, a button to the
 * report), escaping of log-derived text (no `<!channel>` mention, no forged link), and the Teams and
 * Discord webhook formats.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createAlertDispatcher } from '../../packages/server/src/notify/dispatcher.js';
import type { StateStore } from '../../packages/server/src/store/contract/state-store.js';
import { startHttpReceiver, type TestHttpReceiver } from '../support/http-receiver.js';
import { alertsConfig, finding, openState, report, tempStatePath } from './alerts-fixture.js';

const receivers: TestHttpReceiver[] = [];
let store: StateStore;
afterEach(async () => {
  for (const r of receivers.splice(0)) await r.close();
  await store?.close();
});

type Block = {
  type: string;
  text?: { type: string; text: string };
  fields?: { text: string }[];
  elements?: { url?: string; text?: unknown }[];
};

describe('Slack, Teams and Discord alerts', () => {
  it('posts a Block Kit report summary with counts, top findings and a link, escaping log text', async () => {
    const slack = await startHttpReceiver({ path: '/services/T000/B000/XXXX' });
    receivers.push(slack);
    store = openState(tempStatePath());
    const findings = [
      finding('f1', '198.51.100.7', { score: 0.97 }),
      finding('f2', '198.51.100.8', { score: 0.71, category: 'scanning', detector: 'scanning' }),
      finding('f3', '198.51.100.9', { score: 0.85 }),
    ];
    const d = createAlertDispatcher(alertsConfig({ channels: [{ id: 'slack', type: 'slack', url: slack.url }] }), {
      stateStore: store,
      publicUrl: 'https://rampart.example',
    });
    d.emit({ type: 'report.created', report: report('r5', findings) });
    const [req] = await slack.waitFor(1);
    await d.close();
    expect(req?.path).toBe('/services/T000/B000/XXXX');
    expect(req?.headers['content-type']).toBe('application/json');
    const payload = JSON.parse(req?.body ?? '{}') as { text: string; blocks: Block[] };
    expect(payload.text).toBe('New report for api: 3 finding(s)');
    const blocks = payload.blocks;
    expect(blocks[0]).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'New report for api: 3 finding(s)', emoji: false },
    });
    const texts = blocks.map((b) => b.text?.text ?? '').join('\n');
    expect(texts).toContain('*Findings by category*\ncredential_stuffing: 2  ·  scanning: 1');
    // Highest score first, with entity, score and recommendation.
    const findingBlocks = blocks.filter((b) => b.text?.text.startsWith('*ip '));
    expect(findingBlocks.map((b) => b.text?.text.split('\n')[0])).toEqual([
      '*ip 198.51.100.7* · credential_stuffing · score 0.97',
      '*ip 198.51.100.9* · credential_stuffing · score 0.85',
      '*ip 198.51.100.8* · scanning · score 0.71',
    ]);
    expect(findingBlocks[0]?.text?.text).toContain('Recommendation: `ban ip 198.51.100.7`');
    expect(req?.body).not.toContain('<!channel>');
    expect(req?.body).not.toContain('<script>');
    expect(texts).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &lt;!channel&gt; &amp; "quoted"');
    const actions = blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.[0]?.url).toBe('https://rampart.example/reports/r5');
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const b of blocks) if (b.type === 'section' && b.text) expect(b.text.text.length).toBeLessThanOrEqual(3000);
  });

  it('posts Teams Adaptive Cards and Discord embeds with mentions disabled', async () => {
    const teams = await startHttpReceiver({ path: '/webhookb2/abc' });
    const discord = await startHttpReceiver({ path: '/api/webhooks/1/tok' });
    receivers.push(teams, discord);
    store = openState(tempStatePath());
    const d = createAlertDispatcher(
      alertsConfig({
        channels: [
          { id: 'teams', type: 'teams', url: teams.url },
          { id: 'discord', type: 'discord', url: discord.url },
        ],
      }),
      { stateStore: store, publicUrl: 'https://rampart.example' },
    );
    d.emit({
      type: 'detector.disabled',
      detector: 'scraping',
      service: 'api',
      error: 'RangeError: @everyone <b>x</b>',
      at: Date.UTC(2026, 0, 10),
    });
    const [t] = await teams.waitFor(1);
    const [di] = await discord.waitFor(1);
    await d.close();
    const envelope = JSON.parse(t?.body ?? '{}');
    expect(envelope.type).toBe('message');
    expect(envelope.attachments[0].contentType).toBe('application/vnd.microsoft.card.adaptive');
    const card = envelope.attachments[0].content;
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.4' });
    expect(card.body[0]).toMatchObject({
      type: 'TextBlock',
      text: 'Detector scraping disabled on api after an error',
      color: 'Attention',
    });
    expect(card.body[1].text).toBe('RangeError: @everyone &lt;b&gt;x&lt;/b&gt;');
    expect(card.body[2].facts).toContainEqual({ title: 'Detector', value: 'scraping' });
    expect(card.actions).toEqual([
      { type: 'Action.OpenUrl', title: 'Open in Rampart', url: 'https://rampart.example/settings' },
    ]);
    const msg = JSON.parse(di?.body ?? '{}');
    expect(msg.allowed_mentions).toEqual({ parse: [] });
    expect(msg.embeds[0]).toMatchObject({ title: 'Detector scraping disabled on api after an error', color: 0xc0392b });
    // Markdown is escaped; @everyone stays text because allowed_mentions parses nothing.
    expect(msg.embeds[0].description).toContain('RangeError: @everyone <b\\>x</b\\>');
  });
});
