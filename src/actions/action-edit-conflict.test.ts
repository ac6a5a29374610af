import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { addMember, buildPlanDocument, councilOf } from '../test-support/factories.js';
import { testContext } from '../test-support/test-context.js';
import { WebClient } from '../test-support/web-client.js';
import { buildServer } from '../web/server.js';

// Two plan managers open the same action's form; the first saves; the second's save, from
// the form as it was before, must not silently undo the first one's change.

const PASSWORD = 'a long enough password';
const ALEX = 'alex@testshire.gov.uk';
const SAM = 'sam@testshire.gov.uk';

let app: Awaited<ReturnType<typeof testContext>>;
let server: FastifyInstance;
let planId = '';
const editUrl = () => `/plans/${planId}/actions/a1/edit`;

before(async () => {
  app = await testContext();
  planId = await app.transaction((trx) =>
    app.services.documents.import(trx, app.changeBy('import'), buildPlanDocument()),
  );
  const council = await councilOf(app, planId);
  for (const [email, name] of [
    [ALEX, 'Alex Manager'],
    [SAM, 'Sam Manager'],
  ] as const) {
    await addMember(app, { email, name, password: PASSWORD }, council, { role: 'plan-manager' });
  }
  server = await buildServer(app);
});

after(async () => {
  await server?.close();
  await app?.close();
});

/** The fields of the edit form as a browser would send them unchanged. */
function formOf(client: WebClient, html: string): Record<string, string> {
  const textarea = (name: string) =>
    decode(
      new RegExp(`<textarea[^>]*name="${name}"[^>]*>([\\s\\S]*?)</textarea>`).exec(html)?.[1] ?? '',
    ).trim();
  return {
    _csrf: client.csrf(html),
    version: client.field(html, 'version'),
    original: client.field(html, 'original'),
    text: textarea('text'),
    outcomes: textarea('outcomes'),
    dueReason: textarea('dueReason'),
    due: decode(/<input[^>]*name="due"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? ''),
    status: /<option value="([^"]*)" selected/.exec(html)?.[1] ?? '',
  };
}

function decode(html: string): string {
  return html
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

async function savedAction() {
  return app.transaction(
    (trx) =>
      app.services.content.get(trx, planId, 'action', 'a1') as unknown as Promise<{
        text: string;
        outcomes: string | null;
        due: { text: string } | null;
      }>,
  );
}

describe('two people changing one action at once', () => {
  test('the second save is refused, shows what the first changed, and re-applies only its own change', async () => {
    const alex = await new WebClient(server).signIn(ALEX, PASSWORD);
    const sam = await new WebClient(server).signIn(SAM, PASSWORD);
    const alexForm = formOf(alex, (await alex.get(editUrl())).body);
    const samForm = formOf(sam, (await sam.get(editUrl())).body);
    const textBefore = alexForm.text ?? '';
    const outcomesBefore = (await savedAction()).outcomes;

    const first = await alex.post(editUrl(), {
      ...alexForm,
      text: 'Complete every care leaver’s pathway plan with them, in person',
    });
    assert.equal(first.statusCode, 303);

    const second = await sam.post(editUrl(), {
      ...samForm,
      outcomes: 'Every care leaver has a plan they helped write',
    });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Someone else saved a change after you opened this page/);
    const table = /<table class="govuk-table">([\s\S]*?)<\/table>/.exec(second.body)?.[1] ?? '';
    assert.match(table, /Action<\/th>/, 'the table names the field the other person changed');
    assert.ok(table.includes(textBefore), 'with what it said before');
    assert.match(table, /in person/, 'and what is saved now');
    assert.doesNotMatch(table, /Expected outcomes/, 'only the other person’s changes are listed');
    // Nothing of Sam's was saved, and Alex's change is intact.
    let saved = await savedAction();
    assert.match(saved.text, /in person/);
    assert.equal(saved.outcomes, outcomesBefore);

    // The form shown again holds Alex's text with Sam's outcomes on top: saving it keeps both.
    const again = formOf(sam, second.body);
    assert.match(again.text ?? '', /in person/);
    assert.equal(again.outcomes, 'Every care leaver has a plan they helped write');
    const third = await sam.post(editUrl(), again);
    assert.equal(third.statusCode, 303);
    saved = await savedAction();
    assert.match(saved.text, /in person/);
    assert.equal(saved.outcomes, 'Every care leaver has a plan they helped write');
  });

  test('where both changed the same field, the form holds theirs to save over, and says so', async () => {
    const alex = await new WebClient(server).signIn(ALEX, PASSWORD);
    const sam = await new WebClient(server).signIn(SAM, PASSWORD);
    const alexForm = formOf(alex, (await alex.get(editUrl())).body);
    const samForm = formOf(sam, (await sam.get(editUrl())).body);
    assert.equal(
      (
        await alex.post(editUrl(), {
          ...alexForm,
          due: 'End October 2026',
          dueReason: 'Moved in a test',
        })
      ).statusCode,
      303,
    );
    const second = await sam.post(editUrl(), {
      ...samForm,
      due: 'End December 2026',
      dueReason: 'Moved in a test',
    });
    assert.equal(second.statusCode, 409);
    assert.match(
      second.body,
      /End October 2026<\/td>\s*<td class="govuk-table__cell">End December 2026/,
    );
    assert.match(second.body, /where you both changed a field, it holds yours/);
    assert.equal(formOf(sam, second.body).due, 'End December 2026');
    assert.equal((await savedAction()).due?.text, 'End October 2026');
  });

  test('a form with a mistake shown again keeps the version it was opened at', async () => {
    const alex = await new WebClient(server).signIn(ALEX, PASSWORD);
    const sam = await new WebClient(server).signIn(SAM, PASSWORD);
    const samForm = formOf(sam, (await sam.get(editUrl())).body);
    const alexForm = formOf(alex, (await alex.get(editUrl())).body);
    assert.equal(
      (
        await alex.post(editUrl(), {
          ...alexForm,
          due: 'End January 2027',
          dueReason: 'Moved in a test',
        })
      ).statusCode,
      303,
    );
    const mistake = await sam.post(editUrl(), { ...samForm, text: ' ' });
    assert.equal(mistake.statusCode, 400);
    const corrected = { ...formOf(sam, mistake.body), text: 'Sam’s wording of the action' };
    assert.equal((await sam.post(editUrl(), corrected)).statusCode, 409);
    assert.equal((await savedAction()).due?.text, 'End January 2027');
  });
});

describe('two people changing one section at once (every other edit form works the same way)', () => {
  const sectionUrl = () => `/plans/${planId}/sections/s1/edit`;
  const read = (client: WebClient, html: string) => ({
    _csrf: client.csrf(html),
    version: client.field(html, 'version'),
    original: client.field(html, 'original'),
    ref: decode(/<input[^>]*name="ref"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? ''),
    title: decode(/<input[^>]*name="title"[^>]*value="([^"]*)"/.exec(html)?.[1] ?? ''),
    category: /<option value="([^"]*)" selected/.exec(html)?.[1] ?? '',
  });

  test('the second save is refused with what changed, and saving again keeps both changes', async () => {
    const alex = await new WebClient(server).signIn(ALEX, PASSWORD);
    const sam = await new WebClient(server).signIn(SAM, PASSWORD);
    const alexForm = read(alex, (await alex.get(sectionUrl())).body);
    const samForm = read(sam, (await sam.get(sectionUrl())).body);
    assert.equal(
      (await alex.post(sectionUrl(), { ...alexForm, title: 'Help and protection' })).statusCode,
      303,
    );
    const second = await sam.post(sectionUrl(), { ...samForm, ref: 'Section A' });
    assert.equal(second.statusCode, 409);
    assert.match(second.body, /Title<\/th>/);
    assert.match(second.body, /Help and protection/);
    const again = read(sam, second.body);
    assert.equal(again.title, 'Help and protection');
    assert.equal(again.ref, 'Section A');
    assert.equal((await sam.post(sectionUrl(), again)).statusCode, 303);
    const section = await app.transaction((trx) =>
      app.services.content.get(trx, planId, 'section', 's1'),
    );
    assert.equal(section.title, 'Help and protection');
    assert.equal(section.ref, 'Section A');
  });
});
