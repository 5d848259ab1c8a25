/**
 * The organisation-name rules on real-shaped names: hosting words in several languages and the regional
 * brand list catch hosting operators, while eyeball ISPs, banks and software firms whose names share a
 * fragment with a hosting brand ("Signet Bank", "HOUSENET", "Google Fiber") stay out of hosting.
 */
import { describe, expect, it } from 'vitest';
import { CURATED_ASNS } from './asn-network-types.js';
import { WORLD_HOSTING_BRANDS } from './hosting-brands-world.js';
import { matchOrgName } from './org-name-rules.js';

describe('organisation-name rules', () => {
  it('reads hosting words in other languages', () => {
    for (const name of [
      'Hebergement Exemple Inc.',
      'EXEMPLO SERVICOS DE HOSPEDAGEM NA INTERNET LTDA',
      'Ejemplo Hospedaje y Dominios S.L.',
      'Exemplo Computacao em Nuvem Ltda',
      'Ornek Sunucu Bilisim Ltd. Sti.',
      'Ornek Bulut Bilisim A.S.',
      'Nemune Abr Pardazesh PJSC',
      'PT Contoh Awan Digital',
      'Primer Oblako LLC',
      'Pelda Tarhely Kft.',
      'Example AntiDDoS Solutions LLC',
      'data-centr primer OOO',
      'Data-center Primer Ltd.',
    ]) {
      expect(matchOrgName(name)?.type, name).toBe('hosting');
    }
  });

  it('knows regional hosting operators whose names carry no hosting word', () => {
    for (const name of [
      'Misaka Network, Inc.',
      'Internet Vikings International AB',
      'GREEN FLOID LLC',
      'xTom GmbH',
      'Mizban Dade Pasargad',
      'Tefincom S.A.',
      'Edgecast Inc.',
      'Google LLC',
      'Hyonix',
      'ITGLOBAL.COM NL B.V.',
      'UAB code200',
      'Continent 8 LLC',
    ]) {
      expect(matchOrgName(name)?.type, name).toBe('hosting');
    }
  });

  it('keeps look-alike eyeball, bank and software names out of hosting', () => {
    for (const name of [
      'Signet Bank AS',
      'HOUSENET TELECOMUNICACOES EIRELI',
      'USENET TELECOMUNICACOES PROVEDOR DE INTERNET LTDA',
      'Google Fiber Inc.',
      'Google Access LLC',
      'Nucleus Software Exports Limited',
      'Metanet Telecommunications India Opc Pvt Ltd',
      'AMAZON TELECOM LTDA',
      'Vodafone Czech Republic a.s.',
      'Free Mobile SAS',
    ]) {
      expect(matchOrgName(name)?.type, name).not.toBe('hosting');
    }
  });

  it('keeps brand fragments well-formed: each a regex on its own, no capture groups or anchors', () => {
    expect(WORLD_HOSTING_BRANDS.length).toBeGreaterThan(900);
    for (const b of WORLD_HOSTING_BRANDS) {
      // A fragment split at a '|' inside a group would still join into a valid but different pattern.
      expect(() => new RegExp(b), b).not.toThrow();
      expect(b, b).toMatch(/^[a-z0-9][a-z0-9 .\\'&,_?()!|-]*$/);
      expect(b, b).not.toMatch(/\((?!\?!)/);
      expect(b, b).not.toMatch(/[\^$]/);
    }
  });

  it('lists each curated ASN under one network type only', () => {
    const seen = new Map<number, string>();
    for (const [type, asns] of Object.entries(CURATED_ASNS)) {
      for (const asn of asns ?? []) {
        expect(seen.get(asn) ?? type, `AS${asn}`).toBe(type);
        seen.set(asn, type);
      }
    }
  });
});
