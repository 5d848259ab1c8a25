/** Every export format, in `rampart export --help` order. Adding one: a folder here and one line below. */
import { findPlugin } from '@rampart/core';
import { apacheExporter } from './apache/apache-exporter.js';
import { awsWafIpv4Exporter, awsWafIpv6Exporter } from './aws-waf/aws-waf-exporter.js';
import { cloudflareExpressionExporter } from './cloudflare/cloudflare-expression-exporter.js';
import { cloudflareListCsvExporter, cloudflareListJsonExporter } from './cloudflare/cloudflare-list-exporter.js';
import type { Exporter } from './contract.js';
import { crowdsecExporter } from './crowdsec/crowdsec-exporter.js';
import { csvExporter } from './csv/csv-exporter.js';
import { haproxyExporter } from './haproxy/haproxy-exporter.js';
import { ipsetExporter } from './ipset/ipset-exporter.js';
import {
  ip6tablesExporter,
  ip6tablesIpsetExporter,
  iptablesExporter,
  iptablesIpsetExporter,
} from './iptables/iptables-exporter.js';
import { jsonExporter } from './json/json-exporter.js';
import { nftablesExporter } from './nftables/nftables-exporter.js';
import { nginxDenyExporter } from './nginx/nginx-deny-exporter.js';
import { nginxGeoExporter } from './nginx/nginx-geo-exporter.js';
import { plainExporter } from './plain/plain-exporter.js';

export const EXPORTERS: readonly Exporter[] = [
  jsonExporter,
  csvExporter,
  plainExporter,
  iptablesExporter,
  ip6tablesExporter,
  ipsetExporter,
  iptablesIpsetExporter,
  ip6tablesIpsetExporter,
  nftablesExporter,
  nginxDenyExporter,
  nginxGeoExporter,
  apacheExporter,
  haproxyExporter,
  cloudflareListJsonExporter,
  cloudflareListCsvExporter,
  cloudflareExpressionExporter,
  awsWafIpv4Exporter,
  awsWafIpv6Exporter,
  crowdsecExporter,
];

/** The exporter with this id; an unknown id fails with the list of known ones. */
export function findExporter(id: string): Exporter {
  return findPlugin(EXPORTERS, id, 'export format');
}
