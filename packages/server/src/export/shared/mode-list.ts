/** Single-list formats export one mode at a time (`ctx.mode`, default ban); the other counts as not enforced. */
import type { ExportContext } from '../contract.js';

export function listMode(ctx: ExportContext): 'ban' | 'throttle' {
  return ctx.mode === 'throttle' ? 'throttle' : 'ban';
}
