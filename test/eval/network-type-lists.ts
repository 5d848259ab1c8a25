/**
 * Lists shared by the network-type evaluations: the large eyeball ISPs that must never be `hosting`, and a
 * reader for the third-party datacenter ASN lists in ../shared/data (read at test time, never copied).
 */
import { readFileSync } from 'node:fs';
import { sharedPath } from '../support/shared-data.js';

/** Large eyeball ISPs and mobile carriers of every region (written for this test, from public knowledge). */
export const EYEBALL_ASNS: Record<number, string> = {
  7922: 'Comcast',
  20115: 'Charter',
  7018: 'AT&T',
  701: 'Verizon Fios',
  21928: 'T-Mobile US',
  20057: 'AT&T Mobility',
  6167: 'Verizon Wireless',
  22773: 'Cox',
  5650: 'Frontier',
  812: 'Rogers',
  577: 'Bell Canada',
  852: 'Telus',
  6327: 'Shaw',
  2856: 'BT',
  5607: 'Sky UK',
  5089: 'Virgin Media',
  13285: 'TalkTalk',
  5378: 'Vodafone UK',
  3320: 'Deutsche Telekom',
  3209: 'Vodafone DE',
  6805: 'Telefonica DE',
  3215: 'Orange FR',
  12322: 'Free',
  15557: 'SFR',
  5410: 'Bouygues',
  3352: 'Telefonica ES',
  3269: 'TIM',
  1136: 'KPN',
  5432: 'Proximus',
  3303: 'Swisscom',
  4713: 'NTT OCN',
  2516: 'KDDI',
  17676: 'SoftBank',
  4766: 'KT',
  4134: 'China Telecom',
  4837: 'China Unicom',
  9808: 'China Mobile',
  55836: 'Jio',
  9498: 'Airtel',
  45609: 'Airtel mobile',
  7713: 'Telkom Indonesia',
  23693: 'Telkomsel',
  1221: 'Telstra',
  4804: 'Optus',
  28573: 'Claro BR',
  18881: 'Vivo',
  7738: 'Oi',
  8151: 'Telmex',
  12389: 'Rostelecom',
  8359: 'MTS',
  9121: 'Turk Telekom',
  16135: 'Turkcell',
  8452: 'TE Data',
  25019: 'STC',
  29975: 'Vodacom',
  9829: 'BSNL',
  45899: 'VNPT',
  9299: 'PLDT',
  4788: 'TM Malaysia',
};

export function readAsns(file: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const line of readFileSync(sharedPath(file), 'utf8').split('\n')) {
    const m = re.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}
