// Benchmark: uncached user-agent classifications per second on one core, over ~12k distinct real user
// agents (Intoli browsers, isbot crawler fixtures, uap-core test UAs). Needs a build (npm run build) and
// ../shared/data. Usage: npm run bench:user-agents
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { classifyUserAgent } from '../packages/core/dist/index.js';

const data = new URL('../../shared/data/reference/', import.meta.url);
const read = (p) => {
  const buf = readFileSync(new URL(p, data));
  return p.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
};
const sets = {
  'intoli (real browser traffic)': JSON.parse(read('browser_user_agents/intoli_user-agents_2.1.198.json.gz')).map(
    (d) => d.userAgent,
  ),
  'isbot crawler fixtures': Object.values(parse(read('bot_user_agents/isbot/fixtures_crawlers.yml'))).flat(),
  'uap-core test UAs (exotic)': parse(read('browser_user_agents/uap-core_test_ua.yaml.gz')).test_cases.map(
    (c) => c.user_agent_string,
  ),
};
let sink = 0;
for (const [name, list] of Object.entries(sets)) {
  const distinct = [...new Set(list.filter((u) => typeof u === 'string'))];
  for (const ua of distinct) sink += classifyUserAgent(ua).class.length; // warm-up
  const rounds = Math.ceil(50_000 / distinct.length);
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const ua of distinct) sink += classifyUserAgent(ua).class.length;
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const n = rounds * distinct.length;
  console.log(
    `${name}: ${distinct.length} distinct, ${n} classifications, ${(n / secs).toFixed(0)}/s uncached (${((secs / n) * 1e6).toFixed(2)} µs each)`,
  );
}
if (sink === 0) console.log('unreachable');
