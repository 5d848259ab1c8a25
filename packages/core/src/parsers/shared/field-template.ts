/**
 * A compiled line layout shared by the nginx `log_format` and Apache `LogFormat` compilers: a literal
 * prefix, then fields each followed by the literal that ends it. Field kinds say what a value means,
 * independent of the server's variable names.
 */

/** What a field holds. Numbers (not strings) so the parser's switch stays a jump table. */
export const Field = {
  SKIP: 0,
  CLIENT: 1,
  USER: 2,
  TIME_CLF: 3,
  TIME_ISO: 4,
  /** Epoch seconds with a fraction (`$msec`) or any epoch number (unit guessed by magnitude). */
  TIME_EPOCH: 5,
  REQUEST: 6,
  METHOD: 7,
  /** Path and query (`$request_uri`). */
  REQUEST_URI: 8,
  /** Path only (`$uri`, `%U`). */
  PATH: 9,
  /** Query, with or without a leading '?'. */
  QUERY: 10,
  STATUS: 11,
  /** Body bytes; '-' means 0. */
  BYTES_BODY: 12,
  /** Bytes including headers; '-' means unknown. */
  BYTES_TOTAL: 13,
  REQ_TIME_S: 14,
  REQ_TIME_MS: 15,
  REQ_TIME_US: 16,
  /** Host from the request (`$host`, `Host:` header, `%V`). */
  HOST: 17,
  /** The server's own name (`$server_name`, `%v`); used only when nothing better names the host. */
  SERVER_NAME: 18,
  REFERER: 19,
  USER_AGENT: 20,
  FORWARDED_FOR: 21,
  /** A request header that may carry an API key; `header` names it. */
  KEY_HEADER: 22,
  PROTOCOL: 23,
} as const;
export type FieldKind = (typeof Field)[keyof typeof Field];

export interface TemplateField {
  readonly kind: FieldKind;
  /** Lower-case header name, for KEY_HEADER. */
  readonly header: string;
  /** Name as written in the format (`$status`, `%>s`), for error messages and docs. */
  readonly source: string;
}

export interface FieldTemplate {
  /** Literal text before the first field. */
  readonly prefix: string;
  readonly fields: readonly TemplateField[];
  /** `terms[i]` is the literal after `fields[i]` ('' for a field that runs to the end of the line). */
  readonly terms: readonly string[];
}

/** Precedence among fields that fill the same event slot; the lowest index present wins. */
const PRECEDENCE: readonly (readonly FieldKind[])[] = [
  [Field.TIME_EPOCH, Field.TIME_ISO, Field.TIME_CLF],
  [Field.BYTES_BODY, Field.BYTES_TOTAL],
  [Field.REQ_TIME_US, Field.REQ_TIME_MS, Field.REQ_TIME_S],
];

/**
 * Resolves overlaps so that each event slot has one source: duplicates of a kind after the first and
 * lower-precedence alternatives become SKIP; request-line parts are ignored when the full request line
 * is logged; KEY_HEADER fields that are not configured key headers become SKIP.
 */
export function resolveTemplate(t: FieldTemplate, isKeyHeader: (h: string) => boolean): FieldTemplate {
  const kinds = new Set(t.fields.map((f) => f.kind));
  const drop = new Set<FieldKind>();
  for (const group of PRECEDENCE) {
    const best = group.find((k) => kinds.has(k));
    for (const k of group) if (k !== best) drop.add(k);
  }
  if (kinds.has(Field.REQUEST)) {
    for (const k of [Field.METHOD, Field.REQUEST_URI, Field.PATH, Field.QUERY, Field.PROTOCOL]) drop.add(k);
  }
  if (kinds.has(Field.REQUEST_URI)) {
    drop.add(Field.PATH);
    drop.add(Field.QUERY);
  }
  const seen = new Set<FieldKind>();
  const fields = t.fields.map((f): TemplateField => {
    const keep =
      f.kind !== Field.SKIP &&
      !drop.has(f.kind) &&
      (f.kind === Field.KEY_HEADER ? isKeyHeader(f.header) : !seen.has(f.kind));
    seen.add(f.kind);
    return keep ? f : { kind: Field.SKIP, header: '', source: f.source };
  });
  return { prefix: t.prefix, fields, terms: t.terms };
}
