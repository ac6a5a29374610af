import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { startSmtpTestServer } from '../mail/smtp-test-server.js';
import { runG2g } from '../test-support/cli.js';
import { buildPlanDocument } from '../test-support/factories.js';
import { freshDatabaseEnv } from '../test-support/test-context.js';
import { runCli } from './program.js';
import type { CliIoWithStdin } from './commands/user.js';

let database: Awaited<ReturnType<typeof freshDatabaseEnv>>;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;

before(async () => {
  database = await freshDatabaseEnv();
  smtp = await startSmtpTestServer();
});
after(async () => {
  rmSync(files, { recursive: true, force: true });
  await smtp.stop();
  await database.cleanup();
});

const files = mkdtempSync(join(tmpdir(), 'g2g-user-cli-'));
/** A plan of the Testshire council as an interchange file, for g2g plan import. */
function planFile(): string {
  const path = join(files, 'plan.json');
  writeFileSync(path, JSON.stringify(buildPlanDocument()));
  return path;
}

const g2g = (...args: string[]) => runG2g({ ...database.env, G2G_ACTOR: 'cli tester' }, args);

/** g2g with a password on standard input. */
async function g2gWithStdin(input: string, ...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIoWithStdin = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    env: { ...database.env, G2G_ACTOR: 'cli tester' },
    stdin: () => Promise.resolve(input),
  };
  return { code: await runCli(args, io), out, err };
}

describe('g2g council and g2g user', () => {
  test('creating the first administrator: council add, then user add with a password', async () => {
    const added = await g2g(
      'council',
      'add',
      '--slug',
      'testshire',
      '--name',
      'Testshire County Council',
    );
    assert.equal(added.code, 0, added.err.join('\n'));
    assert.equal(added.last, 'Added Testshire County Council (testshire)');
    const list = await g2g('council', 'list', '--json');
    assert.deepEqual(
      (JSON.parse(list.last) as Array<{ slug: string; name: string }>).map((c) => [c.slug, c.name]),
      [['testshire', 'Testshire County Council']],
    );
    const admin = await g2gWithStdin(
      'walnut harbour lantern\n',
      'user',
      'add',
      '--email',
      'first.admin@testshire.gov.uk',
      '--name',
      'First Admin',
      '--council',
      'testshire',
      '--role',
      'administrator',
      '--password-stdin',
    );
    assert.equal(admin.code, 0, admin.err.join('\n'));
    assert.deepEqual(admin.out, [
      'first.admin@testshire.gov.uk is now administrator in Testshire County Council',
    ]);
    const users = await g2g('user', 'list', '--json');
    assert.deepEqual(JSON.parse(users.last), [
      {
        email: 'first.admin@testshire.gov.uk',
        name: 'First Admin',
        active: true,
        invited: false,
        roles: [{ council: 'testshire', role: 'administrator', planId: null, expiresAt: null }],
      },
    ]);
  });

  test('a common password on standard input is refused in one line', async () => {
    const result = await g2gWithStdin(
      'Password123456\n',
      'user',
      'add',
      '--email',
      'weak@testshire.gov.uk',
      '--name',
      'Weak',
      '--council',
      'testshire',
      '--role',
      'viewer',
      '--password-stdin',
    );
    assert.equal(result.code, 1);
    assert.equal(result.err.length, 1);
    assert.match(
      result.err[0] ?? '',
      /^g2g: Invalid user: password: Your password is one of the most common passwords/,
    );
  });

  test('without a password: an invitation link is printed, and e-mailed when SMTP_URL is set', async () => {
    const printed = await g2g(
      'user',
      'add',
      '--email',
      'lead@testshire.gov.uk',
      '--name',
      'Lead',
      '--council',
      'testshire',
      '--role',
      'action-lead',
      '--lead-name',
      'Head of Service, Early Help',
    );
    assert.equal(printed.code, 0, printed.err.join('\n'));
    assert.match(printed.out.join('\n'), /Email is not set up \(SMTP_URL\), so nothing was sent/);
    assert.match(printed.last, /^http:\/\/localhost:3000\/invitations\/[A-Za-z0-9_-]{40,}$/);
    assert.equal(smtp.take().length, 0);

    const mailed = await runG2g(
      { ...database.env, SMTP_URL: smtp.url, PUBLIC_URL: 'https://g2g.testshire.example' },
      [
        'user',
        'add',
        '--email',
        'viewer@testshire.gov.uk',
        '--name',
        'Viewer',
        '--council',
        'testshire',
        '--role',
        'viewer',
      ],
    );
    assert.equal(mailed.code, 0, mailed.err.join('\n'));
    assert.match(mailed.out.join('\n'), /Invitation emailed to viewer@testshire\.gov\.uk/);
    const [mail] = smtp.take();
    assert.deepEqual(mail?.to, ['viewer@testshire.gov.uk']);
    assert.equal(mail.link, mailed.last);
    assert.match(mail.link ?? '', /^https:\/\/g2g\.testshire\.example\/invitations\//);

    const list = await g2g('user', 'list', '--council', 'testshire');
    assert.match(
      list.out.join('\n'),
      /lead@testshire\.gov\.uk {2}Lead \[invited\] {2}testshire:action-lead/,
    );
  });

  test('set-role and deactivate, with one-line errors', async () => {
    const changed = await g2g(
      'user',
      'set-role',
      'lead@testshire.gov.uk',
      '--council',
      'testshire',
      '--role',
      'plan-manager',
    );
    assert.equal(changed.code, 0, changed.err.join('\n'));
    assert.equal(
      changed.last,
      'lead@testshire.gov.uk is now plan-manager in Testshire County Council',
    );
    const lastAdmin = await g2g(
      'user',
      'set-role',
      'first.admin@testshire.gov.uk',
      '--council',
      'testshire',
      '--role',
      'viewer',
    );
    assert.equal(lastAdmin.code, 1);
    assert.deepEqual(lastAdmin.err, [
      'g2g: First Admin is the only administrator of Testshire County Council: make someone else an administrator first',
    ]);
    const badRole = await g2g(
      'user',
      'set-role',
      'lead@testshire.gov.uk',
      '--council',
      'testshire',
      '--role',
      'king',
    );
    assert.equal(badRole.code, 1);
    assert.equal(badRole.err.length, 1);
    assert.match(badRole.err[0] ?? '', /^g2g: Invalid role: --role: Select a role/);
    const noCouncil = await g2g(
      'user',
      'set-role',
      'lead@testshire.gov.uk',
      '--council',
      'nowhere',
      '--role',
      'viewer',
    );
    assert.deepEqual(noCouncil.err, ['g2g: There is no council with the short name nowhere']);

    const off = await g2g('user', 'deactivate', 'lead@testshire.gov.uk');
    assert.equal(off.code, 0, off.err.join('\n'));
    assert.equal(off.last, 'lead@testshire.gov.uk is deactivated on this server');
    assert.match(
      (await g2g('user', 'list')).out.join('\n'),
      /lead@testshire\.gov\.uk {2}Lead \[deactivated\]/,
    );
    const unknown = await g2g('user', 'deactivate', 'nobody@testshire.gov.uk');
    assert.deepEqual(unknown.err, [
      'g2g: There is no user with the email address nobody@testshire.gov.uk',
    ]);
    assert.equal((await g2g('user', 'reactivate', 'lead@testshire.gov.uk')).code, 0);
  });

  test('an adviser’s --until must be a real date, today or later, and is named as typed', async () => {
    const planId = (await g2g('plan', 'import', planFile())).last;
    const adviser = (email: string, ...more: string[]) => [
      'user',
      'add',
      '--email',
      email,
      '--name',
      'Ada Adviser',
      '--council',
      'testshire',
      '--role',
      'adviser',
      ...more,
    ];
    const invited = await g2g(
      ...adviser('past@adviser.example', '--plan', planId, '--until', '2020-01-01'),
    );
    assert.equal(invited.code, 1);
    assert.deepEqual(invited.err, [
      'g2g: --until 2020-01-01 is in the past: the last day of an adviser’s access must be today or later',
    ]);
    const withPassword = await g2gWithStdin(
      'walnut harbour lantern\n',
      ...adviser(
        'past2@adviser.example',
        '--plan',
        planId,
        '--until',
        '2020-01-01',
        '--password-stdin',
      ),
    );
    assert.equal(withPassword.code, 1);
    assert.deepEqual(withPassword.err, invited.err);
    const noSuchDay = await g2g(
      ...adviser('feb@adviser.example', '--plan', planId, '--until', '2027-02-29'),
    );
    assert.equal(noSuchDay.code, 2);
    assert.match(
      noSuchDay.err.join('\n'),
      /^g2g: --until 2027-02-29 does not exist: February 2027 has 28 days \(usage: g2g user add /,
    );
    const noDate = await g2g(...adviser('nodate@adviser.example', '--plan', planId));
    assert.deepEqual(noDate.err, [
      'g2g: Invalid invitation: --until: Enter the date the adviser’s access ends',
    ]);
    const noPlan = await g2g(...adviser('noplan@adviser.example', '--until', '2099-03-31'));
    assert.deepEqual(noPlan.err, [
      'g2g: Invalid invitation: --plan: Select the plan the adviser may see',
    ]);
    assert.doesNotMatch((await g2g('user', 'list')).out.join('\n'), /adviser\.example/);

    const today = new Date().toISOString().slice(0, 10);
    const added = await g2g(...adviser('ada@adviser.example', '--plan', planId, '--until', today));
    assert.equal(added.code, 0, added.err.join('\n'));
    const listed = JSON.parse((await g2g('user', 'list', '--json')).last) as Array<{
      email: string;
      roles: Array<{ expiresAt: string | null }>;
    }>;
    assert.deepEqual(
      listed.find((p) => p.email === 'ada@adviser.example')?.roles.map((r) => r.expiresAt),
      [`${today}T23:59:59.000Z`],
    );
  });

  test('without PUBLIC_URL, printed links use the port the server is set to (PORT)', async () => {
    const invited = await runG2g({ ...database.env, PORT: '8080' }, [
      'user',
      'add',
      '--email',
      'port@testshire.gov.uk',
      '--name',
      'Port',
      '--council',
      'testshire',
      '--role',
      'viewer',
    ]);
    assert.equal(invited.code, 0, invited.err.join('\n'));
    assert.match(invited.last, /^http:\/\/localhost:8080\/invitations\/[A-Za-z0-9_-]{40,}$/);
  });

  test('every command has --help, saying it is for administrators on the server', async () => {
    for (const command of [
      ['council'],
      ['council', 'add'],
      ['council', 'list'],
      ['user'],
      ['user', 'add'],
      ['user', 'list'],
      ['user', 'set-role'],
      ['user', 'deactivate'],
      ['user', 'reactivate'],
    ]) {
      const result = await g2g(...command, '--help');
      assert.equal(result.code, 0, command.join(' '));
      assert.match(
        result.out.join('\n'),
        /For administrators working on the server/,
        command.join(' '),
      );
    }
  });
});
