/**
 * Debian's Chromium for the browser tests (no browser download): where it is, how it is started, and where
 * screenshots go. Screenshots are written to `LOKET_SCREENSHOTS_DIR` when it is set (to keep them, e.g. as CI
 * artefacts), otherwise to a folder in the system temp directory, never into the checkout.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

/** Whether Chromium is installed (`scripts/ensure-chromium.sh` installs it). */
export const hasChromium = existsSync(CHROMIUM);

/** Warns once per suite when it is skipped for want of Chromium (CI fails on any skipped test). */
export function warnIfNoChromium(suite: string): void {
  if (!hasChromium) console.warn(`[e2e] skipping ${suite}: ${CHROMIUM} is not installed (run scripts/ensure-chromium.sh)`);
}

/** Starts headless Chromium with everything that would reach the network turned off. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** The screenshot folder (created): `LOKET_SCREENSHOTS_DIR`, else `<tmp>/loket-screenshots`. */
export async function screenshotDir(): Promise<string> {
  const dir = process.env.LOKET_SCREENSHOTS_DIR ? resolve(process.env.LOKET_SCREENSHOTS_DIR) : join(tmpdir(), 'loket-screenshots');
  await mkdir(dir, { recursive: true });
  return dir;
}
