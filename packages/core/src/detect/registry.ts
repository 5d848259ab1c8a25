/**
 * Every built-in detector, as an explicit array. Adding a detector: one folder under `detectors/` and one
 * line here. Unknown ids in the config fail with the list of known ones (`findDetector`).
 */
import { findPlugin } from '../plugin.js';
import type { AnyDetectorFactory } from './detector.js';
import { bruteForceDetector } from './detectors/brute_force/brute-force.js';
import { scanningDetector } from './detectors/scanning/scanning.js';

export const DETECTORS: readonly AnyDetectorFactory[] = [scanningDetector, bruteForceDetector];

export function findDetector(id: string): AnyDetectorFactory {
  return findPlugin(DETECTORS, id, 'detector');
}
