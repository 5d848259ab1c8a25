/**
 * Location of the third-party data in ../shared/data (never copied into the repository). Evaluation
 * tests use `describe.skipIf(!HAS_SHARED_DATA)` so the core suite passes without it; CI has it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_DATA = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);

export function sharedPath(relative: string): string {
  return SHARED_DATA + relative;
}
