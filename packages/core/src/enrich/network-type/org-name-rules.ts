/**
 * Organisation-name rules for the long tail of ASNs the curated table does not list. Each rule is a plain
 * alternation without nested quantifiers (no backtracking traps) and is tried in order; the first match
 * wins. Order matters: education and government names often contain "network" or "cloud", and mobile
 * carriers' names often contain "telecom", so those come before hosting and residential. Known false
 * hits ("Comcast Cable", "Deutsche Telekom", "Telefonica") are handled by the curated table, which is
 * consulted first.
 */
import type { NetworkType } from '../../event/enriched-event.js';
import { HOSTING_BRAND_PATTERN } from './hosting-brands.js';

export interface OrgNameRule {
  readonly id: string;
  readonly type: NetworkType;
  readonly pattern: RegExp;
}

export const ORG_NAME_RULES: readonly OrgNameRule[] = [
  { id: 'hosting-brand', type: 'hosting', pattern: HOSTING_BRAND_PATTERN },
  {
    id: 'education',
    type: 'education',
    pattern:
      /\b(universit(y|e|at|aet|ät|ad|ade|à|a|eit|etet)|college|school|academy|politechnika|politecnico|polytechnique|akademi[ae]|institute of technology|polytechnic|hochschule|research (and|&) education|education(al)? network|research network|\bnren\b|schools? network|educational|e?learning)\b|universidad|università|université|üniversitesi/i,
  },
  {
    id: 'government',
    type: 'government',
    pattern:
      /\b(ministry|ministerio|minist[eè]re|ministero|government|gouvernement|governo|gobierno|regierung|federal (agency|office|service)|department of (defen[cs]e|the|state|justice|health|agriculture|energy|veterans)|state of [a-z]+|city of|county of|commune de|municipality|municipal|city council|county council|bundesamt|landesamt|prefecture|national police|armed forces|army|air force|navy|parliament|senate)\b|\b(dod|dnic)\b|\bgov(t)?\b/i,
  },
  {
    id: 'mobile',
    type: 'mobile',
    pattern:
      /(?<!exxon )\bmobil\b|\b(mobile|mobility|móvil|movil|móviles|moviles|movel|móvel|wireless|cellular|cellco|gsm|lte|5g|4g|3g|mobilfunk|telefonica m[oó]viles)\b/i,
  },
  {
    id: 'hosting',
    type: 'hosting',
    pattern:
      /host|server|servidor|vps|vds|cloud|data[ -]?cent(er|re|ro|r\b)|datacenter|rechenzentrum|veri merkezi|centro de datos|centre de donn[ée]es|datacentrum|\bdc\d*\b|\bidc\b|colo(cation|-?crossing)?\b|dedicated|bare ?metal|\bcdn\b|content delivery|\bcompute\b|computing|web services|virtuali[sz]|\bhpc\b|serverius|\bdedi|\bnoc\b|\bvpn\b|proxy|\bproxies\b|\bvirtual\b|infrastructure|\bcluster\b|\brack|\bxen\b|\bkvm\b|\bweb|informati[ckq]|\bnap\b|managed services|privacy|anonym/i,
  },
  {
    // Hosting words in more languages (hébergement, hospedagem, alojamiento, nuvem/nube, sunucu, bulut,
    // datasenter, konesali, centrum danych, adatközpont, tárhely; Persian abr, Indonesian awan,
    // Russian oblako, Chinese jisuan, Hungarian szerver), DDoS protection, seedboxes, IPv4 leasing, GPU clouds,
    // and IDC/CDN/VPN glued to a brand ("HDTIDC", "5centsCDN", "IPLOCKVPN"; "Midcontinent" has "idc" only
    // inside a word). Checked against the bundled organisation names: they hit hosting firms, not eyeball
    // ISPs ("node" and "usenet" were tried and dropped: "Habari Node" and "HOUSENET" are ISPs).
    id: 'hosting-words',
    type: 'hosting',
    pattern:
      /h[eé]berg|hospedag|hospedaje|alojamiento|\bnuvem\b|\bnube\b|sunucu|\bbulut\b|datasenter|konesali|centrum danych|adatk[oö]zpont|ddos|seedbox|idc\b|\bidc|cdn|\bvpn|vpn\b|\biaas\b|bulletproof|oblako|\babr\b|\bawan\b|t[aá]rhely|szerver|ji ?suan|\bipv4\b|\bgpu|hyperscale/i,
  },
  // IT-service firms ("Office IT", "Nano IT"): their networks are data-centre networks. Case-sensitive on purpose.
  { id: 'it-services', type: 'hosting', pattern: /\bI ?T\b(?! ?&)/ },
  {
    // Carriers whose names carry only a brand or "telecom": eyeball networks far more often than anything
    // else. After hosting, so "X Telecom Hosting" stays hosting.
    id: 'mobile-carrier',
    type: 'mobile',
    pattern:
      /\b(vodafone|t-mobile|mtn|airtel|ooredoo|zain|digicel|tigo|cell c|safaricom|mobily|tele2|turkcell|megafon)\b/i,
  },
  {
    id: 'carrier',
    type: 'residential',
    pattern:
      /\b(telecom|telekom|telecommunications?|telecomunica[cç][oõ]es|telecomunicaciones|telekomunikasi|telekomunikasyon|telefonica|telefônica|movistar|orange|telenor|telia|claro|telmex|etisalat|chunghwa|rostelecom|ucom|internet service)\b/i,
  },
  {
    id: 'residential',
    type: 'residential',
    pattern:
      /\b(broadband|cable(vision|com)?|catv|fib(er|re)( to the home| optic)?|ftth|dsl|adsl|vdsl|internet service provider|home internet|residential|triple play|kabel|telecable|televisi[oó]n por cable)\b/i,
  },
  {
    id: 'business',
    type: 'business',
    pattern:
      /\b(bank|banco|banque|insurance|versicherung|assurance|airlines?|airways|hospital|health ?care|pharma(ceuticals?)?|automotive|motors?|retail|stores|supermarket|logistics|manufacturing|energy|petroleum|oil|railways?|stock exchange)\b/i,
  },
];

/** The first rule whose pattern matches the organisation name, or undefined. */
export function matchOrgName(org: string): OrgNameRule | undefined {
  for (const rule of ORG_NAME_RULES) if (rule.pattern.test(org)) return rule;
  return undefined;
}
