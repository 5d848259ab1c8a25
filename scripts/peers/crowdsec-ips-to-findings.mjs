// Usage: CROWDSEC_PRINT_IPS=1 scripts/peers/crowdsec-replay.sh FILE > cs.txt; node scripts/peers/crowdsec-ips-to-findings.mjs cs.txt > cs.json
// Turns the IP list printed by crowdsec-replay.sh into an analyze-like findings file for `rampart lab score`.
import { readFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.trim())
  .filter((l) => /^[0-9a-f.:]+$/i.test(l));
const findings = lines.map((ip) => ({
  entity: { kind: 'ip', value: ip },
  category: 'scanning',
  score: 1,
  ips: undefined,
  recommendation: { action: 'ban', scope: 'ip', target: ip },
}));
console.log(JSON.stringify({ findings }));
