/**
 * Start-up check of the alerts section: type-dependent rules (checkAlertsConfig), URL syntax and
 * private targets (url-guard), and secrets read from their files (`secretFile`, `urlFile`,
 * `smtp.passwordFile`, trailing newline removed). Every problem names its key; all are reported at once
 * as one INVALID_CONFIG error, before the server starts.
 */
import { readFileSync } from 'node:fs';
import { type AlertsConfig, checkAlertsConfig, RampartError } from '@rampart/core';
import type { ResolvedChannelConfig } from './channel.js';
import { checkUrlText } from './url-guard.js';

export type ReadSecret = (path: string) => string;
const readSecretFile: ReadSecret = (path) => readFileSync(path, 'utf8').replace(/\r?\n$/, '');

export function resolveChannels(alerts: AlertsConfig, read: ReadSecret = readSecretFile): ResolvedChannelConfig[] {
  const problems = checkAlertsConfig(alerts);
  const out: ResolvedChannelConfig[] = [];
  alerts.channels.forEach((c, i) => {
    const at = `alerts.channels.${i}`;
    const fromFile = (key: string, path: string | undefined): string | undefined => {
      if (path === undefined) return undefined;
      try {
        const v = read(path);
        if (v.trim() === '') problems.push(`${at}.${key}: ${path} is empty`);
        return v.trim();
      } catch (err) {
        problems.push(`${at}.${key}: cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
        return undefined;
      }
    };
    const url = c.url ?? fromFile('urlFile', c.urlFile);
    const secret = c.secret ?? fromFile('secretFile', c.secretFile);
    if (url !== undefined) {
      const check = checkUrlText(url, alerts.allowPrivateTargets);
      // The reason may name the host, never the whole URL: Slack and Discord URLs carry their secret.
      if (!check.ok) problems.push(`${at}.url: refused: ${check.reason}`);
    }
    let smtp = c.smtp;
    if (smtp?.passwordFile !== undefined) {
      const password = fromFile('smtp.passwordFile', smtp.passwordFile);
      if (password !== undefined) smtp = { ...smtp, password };
    }
    out.push({
      ...c,
      ...(url !== undefined ? { url } : {}),
      ...(secret !== undefined ? { secret } : {}),
      ...(smtp !== undefined ? { smtp } : {}),
    });
  });
  if (problems.length > 0) {
    throw new RampartError(
      'INVALID_CONFIG',
      `alerts configuration is invalid:\n${problems.map((p) => `  ${p}`).join('\n')}`,
    );
  }
  return out;
}
