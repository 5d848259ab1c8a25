/**
 * Reading RDAP responses (RFC 9083): the entity with the `abuse` role anywhere in the `entities` tree
 * (ARIN nests it inside the registrant org; RIPE and APNIC put it at the top), its jCard (RFC 7095) e-mail
 * and name, and referral links to another registry. Input is untrusted JSON: every access is checked.
 */

export interface AbuseEntity {
  readonly handle: string | undefined;
  readonly name: string | undefined;
  readonly email: string | undefined;
}

const MAX_DEPTH = 6;

/** The first abuse entity with an e-mail (breadth-first, so the least nested wins), else the first one. */
export function findAbuseEntity(response: unknown): AbuseEntity | undefined {
  let level: unknown[] = entitiesOf(response);
  let withoutEmail: AbuseEntity | undefined;
  for (let depth = 0; depth < MAX_DEPTH && level.length > 0; depth++) {
    const next: unknown[] = [];
    for (const e of level) {
      if (hasRole(e, 'abuse')) {
        const found = readEntity(e);
        if (found.email) return found;
        withoutEmail ??= found;
      }
      next.push(...entitiesOf(e));
    }
    level = next;
  }
  return withoutEmail;
}

function entitiesOf(obj: unknown): unknown[] {
  const list = (obj as { entities?: unknown } | null)?.entities;
  return Array.isArray(list) ? list : [];
}

function hasRole(entity: unknown, role: string): boolean {
  const roles = (entity as { roles?: unknown } | null)?.roles;
  return Array.isArray(roles) && roles.some((r) => typeof r === 'string' && r.toLowerCase() === role);
}

function readEntity(entity: unknown): AbuseEntity {
  const handle = (entity as { handle?: unknown }).handle;
  const props = vcardProperties((entity as { vcardArray?: unknown }).vcardArray);
  const emails = props.filter((p) => p.name === 'email');
  // Prefer the jCard's preferred address (APNIC lists one with pref=1).
  emails.sort((a, b) => a.pref - b.pref);
  const fn = props.find((p) => p.name === 'fn')?.value;
  const email = emails.find((p) => /^[^\s@]+@[^\s@]+$/.test(p.value))?.value;
  return { handle: typeof handle === 'string' ? handle : undefined, name: fn, email: email?.toLowerCase() };
}

interface VcardProperty {
  readonly name: string;
  readonly value: string;
  readonly pref: number;
}

/** jCard: ["vcard", [[name, params, type, value], …]]; values that are not text are skipped. */
function vcardProperties(vcard: unknown): VcardProperty[] {
  if (!Array.isArray(vcard) || vcard[0] !== 'vcard' || !Array.isArray(vcard[1])) return [];
  const out: VcardProperty[] = [];
  for (const p of vcard[1] as unknown[]) {
    if (!Array.isArray(p) || typeof p[0] !== 'string' || typeof p[3] !== 'string') continue;
    const params = (p[1] ?? {}) as { pref?: unknown };
    const pref = Number(params.pref ?? 100);
    out.push({ name: p[0].toLowerCase(), value: p[3].trim(), pref: Number.isFinite(pref) ? pref : 100 });
  }
  return out;
}

/**
 * An RDAP IP URL elsewhere that this response refers to (rel 'related' or 'rdap-referral', as RIRs
 * use for inter-registry transfers), or undefined.
 */
export function referralLink(response: unknown, currentUrl: string): string | undefined {
  const links = (response as { links?: unknown } | null)?.links;
  if (!Array.isArray(links)) return undefined;
  for (const l of links as Array<{ rel?: unknown; href?: unknown; type?: unknown }>) {
    if (typeof l?.href !== 'string' || (l.rel !== 'related' && l.rel !== 'rdap-referral')) continue;
    if (l.type !== undefined && l.type !== 'application/rdap+json') continue;
    try {
      const u = new URL(l.href);
      if ((u.protocol === 'https:' || u.protocol === 'http:') && u.href !== currentUrl && u.pathname.includes('/ip/')) {
        return u.href;
      }
    } catch {
      // not a URL: ignore this link
    }
  }
  return undefined;
}
