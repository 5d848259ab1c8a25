/**
 * The Apache httpd parsers: `apache_common`, `apache_combined`, `apache_vhost_combined` (the stock
 * nicknames in httpd.conf / Debian's apache2.conf) and `apache`, which takes any `LogFormat` string.
 * They run on the same template parser as nginx.
 */
import { type Static, Type } from '@sinclair/typebox';
import { DEFAULT_PARSE_OPTIONS, type ParserFactory } from '../parser.js';
import type { FieldTemplate } from '../shared/field-template.js';
import { shareParsed } from '../shared/sniff.js';
import { TemplateParser } from '../shared/template-parser.js';
import { APACHE_COMBINED, APACHE_COMMON, APACHE_VHOST_COMBINED, compileApacheLogFormat } from './apache-log-format.js';

function stock(id: string, description: string, template: FieldTemplate) {
  return {
    id,
    description,
    configSchema: undefined,
    create: (_config, options) => new TemplateParser(id, template, options),
    sniff(lines) {
      return shareParsed(this.create({}, DEFAULT_PARSE_OPTIONS), lines);
    },
  } satisfies ParserFactory<Record<string, never>>;
}

export const apacheVhostCombinedParser = stock(
  'apache_vhost_combined',
  'Apache "vhost_combined": %v:%p before the combined fields (Debian default for virtual hosts)',
  compileApacheLogFormat(APACHE_VHOST_COMBINED),
);

export const apacheCombinedParser = stock(
  'apache_combined',
  'Apache "combined" LogFormat (same line shape as nginx combined)',
  compileApacheLogFormat(APACHE_COMBINED),
);

export const apacheCommonParser = stock(
  'apache_common',
  'Apache "common" LogFormat (CLF): no referer or user agent',
  compileApacheLogFormat(APACHE_COMMON),
);

export const ApacheConfigSchema = Type.Object(
  {
    logFormat: Type.String({
      minLength: 1,
      description: 'The LogFormat directive (`LogFormat "…" nickname`) or just its format string.',
    }),
  },
  { additionalProperties: false },
);
export type ApacheConfig = Static<typeof ApacheConfigSchema>;

export const apacheParser = {
  id: 'apache',
  description: 'Apache httpd with any LogFormat string (config: logFormat)',
  configSchema: ApacheConfigSchema,
  create: (config, options) => new TemplateParser('apache', compileApacheLogFormat(config.logFormat), options),
  // Without its LogFormat a custom layout cannot be recognised; auto-detection never picks it.
  sniff: () => 0,
} satisfies ParserFactory<ApacheConfig>;
