/**
 * Every built-in detector, as an explicit array. Adding a detector: one folder under `detectors/` and one
 * line here. Unknown ids in the config fail with the list of known ones (`findDetector`).
 */
import { findPlugin } from '../plugin.js';
import type { AnyDetectorFactory } from './detector.js';
import { apiKeyAbuseDetector } from './detectors/api_key_abuse/api-key-abuse.js';
import { badAutomationDetector } from './detectors/bad_automation/bad-automation.js';
import { bruteForceDetector } from './detectors/brute_force/brute-force.js';
import { crawlerImpersonationDetector } from './detectors/crawler_impersonation/crawler-impersonation.js';
import { credentialStuffingDetector } from './detectors/credential_stuffing/credential-stuffing.js';
import { dataExfiltrationDetector } from './detectors/data_exfiltration/data-exfiltration.js';
import { enumerationDetector } from './detectors/enumeration/enumeration.js';
import { floodDetector } from './detectors/flood/flood.js';
import { persistentBotDetector } from './detectors/persistent_bot/persistent-bot.js';
import { scanningDetector } from './detectors/scanning/scanning.js';
import { scrapingDetector } from './detectors/scraping/scraping.js';

export const DETECTORS: readonly AnyDetectorFactory[] = [
  scanningDetector,
  bruteForceDetector,
  credentialStuffingDetector,
  scrapingDetector,
  enumerationDetector,
  dataExfiltrationDetector,
  persistentBotDetector,
  floodDetector,
  crawlerImpersonationDetector,
  apiKeyAbuseDetector,
  badAutomationDetector,
];

export function findDetector(id: string): AnyDetectorFactory {
  return findPlugin(DETECTORS, id, 'detector');
}
