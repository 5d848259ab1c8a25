/**
 * The nginx parsers: `nginx_combined` and `nginx_main` (the stock layouts) and `nginx`, which takes any
 * `log_format` directive. All three compile to the same template parser, so a custom layout is as fast
 * as the stock one.
 */
import { type Static, Type } from '@sinclair/typebox';
import { type ParserFactory, DEFAULT_PARSE_OPTIONS as SNIFF_OPTIONS } from '../parser.js';
import { shareParsed } from '../shared/sniff.js';
import { TemplateParser } from '../shared/template-parser.js';
import { compileNginxLogFormat, HOST_COMBINED, NGINX_COMBINED, NGINX_MAIN } from './nginx-log-format.js';

const combined = compileNginxLogFormat(NGINX_COMBINED);
const main = compileNginxLogFormat(NGINX_MAIN);
const hostCombined = compileNginxLogFormat(HOST_COMBINED);

export const nginxCombinedParser = {
  id: 'nginx_combined',
  description: 'nginx predefined "combined" log_format (same line shape as Apache combined)',
  configSchema: undefined,
  create: (_config, options) => new TemplateParser('nginx_combined', combined.template, options),
  sniff(lines) {
    return shareParsed(this.create({}, SNIFF_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;

export const nginxMainParser = {
  id: 'nginx_main',
  description: 'nginx "main" log_format from the stock nginx.conf: combined plus "$http_x_forwarded_for"',
  configSchema: undefined,
  create: (_config, options) => new TemplateParser('nginx_main', main.template, options),
  sniff(lines) {
    return shareParsed(this.create({}, SNIFF_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;

export const hostCombinedParser = {
  id: 'host_combined',
  description: 'combined with the virtual host first ("$host $remote_addr - …"): nginx-proxy, Apache "%V %h …"',
  configSchema: undefined,
  create: (_config, options) => new TemplateParser('host_combined', hostCombined.template, options),
  sniff(lines) {
    return shareParsed(this.create({}, SNIFF_OPTIONS), lines);
  },
} satisfies ParserFactory<Record<string, never>>;

export const NginxConfigSchema = Type.Object(
  {
    logFormat: Type.String({
      minLength: 1,
      description: "The log_format directive (`log_format name '…';`) or just its format text.",
    }),
  },
  { additionalProperties: false },
);
export type NginxConfig = Static<typeof NginxConfigSchema>;

export const nginxParser = {
  id: 'nginx',
  description: 'nginx with any log_format directive (config: logFormat); honours escape=default|json|none',
  configSchema: NginxConfigSchema,
  create(config, options) {
    const compiled = compileNginxLogFormat(config.logFormat);
    return new TemplateParser('nginx', compiled.template, options, compiled.escape !== 'none');
  },
  // Without its directive a custom layout cannot be recognised; auto-detection never picks it.
  sniff: () => 0,
} satisfies ParserFactory<NginxConfig>;
