import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import AxeBuilder from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import excerpt from '../demo/bristol-improvement-plan.json' with { type: 'json' };
import { CHROMIUM, checkPage, launchChromium } from '../test-support/browser.js';
import { addMember } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { buildServer } from './server.js';

// Phones and paper. At 320 px (WCAG 1.4.10 Reflow) and at 1280 px no page scrolls sideways:
// wide tables scroll inside their own region or stack their rows. Printed, a page is its
// content: no navigation, filters, buttons or link addresses, statuses as bordered text.
// The plan is Bristol's (27 actions, 44 measures) with long words, addresses and names added.

const EMAIL = 'manager@bristol.gov.uk';
const PASSWORD = 'a long enough password';
const LONG_URL = `https://bristol.sharepoint.com/sites/ChildrensServicesImprovement/Shared%20Documents/Evidence/${'Quality-Assurance-Framework-'.repeat(4)}final.pdf`;
let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let browser: Browser;
let base = '';
let planId = '';
let unnamedAction = '';

before(async () => {
  // Never skipped: without the browser this fails, so a missing Chromium cannot pass unseen.
  assert.ok(existsSync(CHROMIUM), `the browser tests need ${CHROMIUM}`);
  app = await testContext();
  app.clock.set('2026-06-15T09:00:00Z');
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('demo data'), excerpt),
  );
  const council = (await app.transaction((trx) => app.services.plans.scope(trx, planId)))!;
  // Like the demo person: the council's administrator and a plan manager.
  for (const role of ['administrator', 'plan-manager'] as const) {
    await addMember(
      app,
      { email: EMAIL, name: 'Improvement Manager', password: PASSWORD },
      council.organisationId,
      { role },
    );
  }
  const by = app.changeBy(EMAIL);
  await app.transaction(async (trx) => {
    const added = await app.services.content.add(trx, by, planId, 'action', {
      recommendationId: 'r1',
      themeId: null,
      ref: null,
      text: 'Commission the multi-agency safeguarding hub (MASH) re-procurement and re-specification workstream, including the Integrated-Front-Door-Triage-and-Assessment-Pathway redesign',
      outcomes: null,
      leads: [
        {
          name: 'Interim Service Director, Care, Provision, Permanency and Quality Assurance',
          kind: 'role',
        },
        {
          name: 'Head of Service, Early Help and Targeted Support (North, Central and East)',
          kind: 'role',
        },
      ],
      due: 'Ongoing (but progress to be checked in December 2026)',
      status: 'AMBER',
      evidence: null,
    });
    unnamedAction = added.id;
    await app.services.content.add(trx, by, planId, 'update', {
      actionId: 'a1.1',
      date: '2026-06-15',
      author: 'Improvement Manager',
      text: `Case audit completed; findings at ${LONG_URL}`,
      proposedStatus: 'AMBER',
      evidence: [{ kind: 'link', title: LONG_URL.slice(0, 200), url: LONG_URL }],
    });
    await app.services.content.update(trx, by, planId, 'action', 'a1.1', {
      due: 'End September 2026',
    });
  });
  server = await buildServer(app);
  base = await server.listen({ port: 0, host: '127.0.0.1' });
  browser = await launchChromium();
});
after(async () => {
  await browser?.close();
  await server?.close();
  await app?.close();
});

async function signedIn(width: number): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${base}/sign-in`);
  await page.getByLabel('Email address').fill(EMAIL);
  await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return { context, page };
}

const pages = () => [
  { name: 'home', path: '/' },
  { name: 'plans', path: '/plans' },
  { name: 'overview', path: `/plans/${planId}` },
  { name: 'recommendation', path: `/plans/${planId}/recommendations/r1` },
  { name: 'action', path: `/plans/${planId}/actions/a1.1` },
  { name: 'action-without-ref', path: `/plans/${planId}/actions/${unnamedAction}` },
  { name: 'audit-trail', path: `/plans/${planId}/audit` },
  { name: 'access-log', path: '/councils/bristol/audit' },
];

// Scripts run in the page (as text: this project's TypeScript has no DOM types).

/** What a page does at this width that a reader would notice: sideways scrolling, wrapped tags. */
const LAYOUT = `(() => {
  const lines = (el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
  };
  return {
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
    wrappedTags: [...document.querySelectorAll('.govuk-tag')]
      .filter((el) => el.getClientRects().length > 0 && lines(el) > 1)
      .map((el) => el.textContent.trim()),
    badRegions: [...document.querySelectorAll('.app-table-scroll')]
      .filter((el) => el.getAttribute('role') !== 'region' || !el.getAttribute('aria-label') || el.getAttribute('tabindex') !== '0')
      .map((el) => el.outerHTML.slice(0, 80)),
  };
})()`;
interface Layout {
  scrollWidth: number;
  innerWidth: number;
  wrappedTags: string[];
  badRegions: string[];
}

/** What of the page would be printed that paper does not want. */
const PRINTED = `(() => {
  const shown = (selector) =>
    [...document.querySelectorAll(selector)].filter(
      (el) => getComputedStyle(el).display !== 'none' && el.getClientRects().length > 0,
    ).length;
  const tag = document.querySelector('.govuk-tag');
  return {
    navigation: shown('.govuk-service-navigation, .govuk-header, .govuk-footer'),
    backLinks: shown('.govuk-back-link'),
    buttons: shown('.govuk-button, button'),
    filters: shown('form[method="get"]'),
    editLinks: shown('a[href$="/edit"], a[href$="/remove"]'),
    addresses: [...document.querySelectorAll('main a[href]')].filter((a) => {
      const after = getComputedStyle(a, '::after').content;
      return after !== 'none' && after !== 'normal' && after !== '""';
    }).length,
    tagBorder: tag ? getComputedStyle(tag).borderTopStyle : 'solid',
    tableHeads: [...document.querySelectorAll('.govuk-table thead')].filter(
      (h) => getComputedStyle(h).display !== 'table-header-group',
    ).length,
  };
})()`;

describe('pages on a phone, a desktop and paper', { timeout: 240_000 }, () => {
  for (const width of [1280, 320]) {
    test(`at ${width} px no page scrolls sideways, tags stay whole, and axe finds nothing`, async () => {
      const { context, page } = await signedIn(width);
      try {
        for (const { name, path } of pages()) {
          const response = await page.goto(`${base}${path}`);
          assert.equal(response?.status(), 200, `${name} (${path})`);
          await checkPage(page, `reflow-${width}-${name}`);
          const found: Layout = await page.evaluate(LAYOUT);
          assert.ok(
            found.scrollWidth <= found.innerWidth,
            `${name} at ${width} px is ${found.scrollWidth} px wide`,
          );
          assert.deepEqual(found.wrappedTags, [], `status tags wrap on ${name}`);
          assert.deepEqual(found.badRegions, [], `scrolling regions on ${name}`);
          // The back link (and everything else) is inside a landmark: axe's best-practice rule.
          const regions = await new AxeBuilder({ page }).withRules(['region']).analyze();
          assert.deepEqual(
            regions.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' '))),
            [],
            `content outside landmarks on ${name}`,
          );
        }
      } finally {
        await context.close();
      }
    });
  }

  test('printed, a page has no navigation, filters, buttons or link addresses, and fewer sheets', async () => {
    const { context, page } = await signedIn(1280);
    try {
      for (const path of [`/plans/${planId}`, `/plans/${planId}/audit`, `/plans/${planId}/edit`]) {
        await page.goto(`${base}${path}`);
        await page.emulateMedia({ media: 'print' });
        const printed: unknown = await page.evaluate(PRINTED);
        assert.deepEqual(
          printed,
          {
            navigation: 0,
            backLinks: 0,
            buttons: 0,
            filters: 0,
            editLinks: 0,
            addresses: 0,
            tagBorder: 'solid',
            tableHeads: 0,
          },
          `printing ${path}`,
        );
        await page.emulateMedia({ media: 'screen' });
      }

      // The overview on A4, printed and as the screen shows it.
      await page.goto(`${base}/plans/${planId}`);
      const sheets = async (media: 'print' | 'screen') => {
        await page.emulateMedia({ media });
        const file = `test-artifacts/reflow-overview-${media}.pdf`;
        writeFileSync(
          file,
          await page.pdf({
            format: 'A4',
            // A browser's own margins (page.pdf's default is none).
            margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' },
            printBackground: true,
          }),
        );
        const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
        return Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
      };
      const print = await sheets('print');
      const screen = await sheets('screen');
      assert.ok(
        print >= 1 && print < screen,
        `printed ${print} sheets, the screen version ${screen}`,
      );
    } finally {
      await context.close();
    }
  });
});
