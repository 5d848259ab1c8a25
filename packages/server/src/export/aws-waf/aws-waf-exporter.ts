/**
 * AWS WAFv2 IP set JSON, the input of `aws wafv2 create-ip-set --cli-input-json` (and, with Id and
 * LockToken added, update-ip-set). An IP set has one IPAddressVersion, so IPv4 and IPv6 are two exports;
 * single addresses are written as /32 and /128 as WAF requires. WAF allows 10,000 addresses per set:
 * anything beyond is refused with that reason, never silently dropped.
 */
import type { Cidr } from '@rampart/core';
import type { Exporter } from '../contract.js';
import { planRules, resultOf } from '../plan.js';
import { listMode, listNets, plannedModes } from '../shared/mode-list.js';
import { setPrefix } from '../shared/text.js';

export const AWS_WAF_MAX_ADDRESSES = 10_000;

function make(family: 4 | 6): Exporter {
  const id = `aws_waf_ipv${family}`;
  return {
    id,
    description: `AWS WAFv2 IP set JSON (IPV${family}) for aws wafv2 create-ip-set / update-ip-set`,
    contentType: 'application/json',
    fileExtension: 'json',
    render(entries, ctx) {
      const mode = listMode(ctx);
      const plan = planRules(entries, ctx, { expand: true, enforces: plannedModes(mode) });
      const list: readonly Cidr[] = family === 4 ? listNets(plan, mode).v4 : listNets(plan, mode).v6;
      const kept = list.slice(0, AWS_WAF_MAX_ADDRESSES);
      for (const c of list.slice(AWS_WAF_MAX_ADDRESSES)) {
        plan.refused.push({ value: c.text, reason: `AWS WAF IP sets hold at most ${AWS_WAF_MAX_ADDRESSES} addresses` });
      }
      const doc = {
        Name: `${setPrefix(ctx)}-${mode}-v${family}`,
        Scope: 'REGIONAL',
        Description: `Rampart ${mode} list (IPv${family}), generated ${new Date(ctx.now).toISOString()}`,
        IPAddressVersion: family === 4 ? 'IPV4' : 'IPV6',
        Addresses: kept.map((c) => c.text),
      };
      return resultOf(plan, `${JSON.stringify(doc, null, 2)}\n`, kept.length);
    },
  };
}

export const awsWafIpv4Exporter = make(4);
export const awsWafIpv6Exporter = make(6);
