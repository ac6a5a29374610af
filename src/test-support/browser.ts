import assert from 'node:assert/strict';
import { existsSync, mkdirSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';

// Real-browser tests: the system Chromium driven by playwright-core, an accessibility
// check (axe-core) on every page visited, and screenshots in test-artifacts/ (not committed).

export const CHROMIUM = '/usr/bin/chromium';

/** Whether the browser is here; in CI its absence is an error, never a silent skip. */
export function chromiumAvailable(): boolean {
  const available = existsSync(CHROMIUM);
  if (!available && process.env.CI) {
    throw new Error(
      `Browser tests need ${CHROMIUM} (apt-get install -y chromium); CI must not skip them`,
    );
  }
  return available;
}

export async function launchChromium(): Promise<Browser> {
  mkdirSync('test-artifacts', { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** No WCAG 2.2 AA violations on the page (axe-core), and a screenshot for a person to see. */
export async function checkPage(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'])
    .analyze();
  const found = results.violations.map(
    (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`,
  );
  assert.deepEqual(found, [], `accessibility violations on ${name}`);
  await screenshot(page, name);
}

/**
 * For a page with JavaScript disabled: axe-core runs as a script in the page, so only the
 * screenshot is taken. Check the same pages with checkPage in a journey with scripts.
 */
export async function checkPageWithoutScripts(page: Page, name: string): Promise<void> {
  await screenshot(page, name);
}

async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: `test-artifacts/${name}.png`, fullPage: true });
}
