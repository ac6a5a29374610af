import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { ValidationError } from '../lib/errors.js';
import { checkPassword, passwordProblem } from './password-policy.js';

const person = { email: 'jane.smith@testshire.gov.uk' };
const problem = (password: string) => passwordProblem(password, person);

describe('the password policy (NCSC: length over complexity, no common passwords)', () => {
  test('long passwords of unrelated words are fine, with no rules about symbols or capitals', () => {
    assert.equal(problem('correct horse battery staple'), null);
    assert.equal(problem('kettle mango harbour'), null);
    assert.equal(problem('lowercaseonlyisfine'), null);
    assert.equal(problem('x'.repeat(5) + 'qv9 plum orbit'), null);
  });

  test('too short or too long says how long it must be', () => {
    assert.equal(problem(''), 'Enter a password');
    assert.match(problem('Tr0ub4dor&3') ?? '', /at least 12 characters long/);
    assert.match(problem('a'.repeat(3) + 'b'.repeat(254)) ?? '', /256 characters or fewer/);
    assert.equal(problem('plum orbit k'.padEnd(256, 'z')), null);
  });

  test('the commonest passwords are refused, also with the usual digits, symbols and swaps', () => {
    for (const common of [
      '123456789012',
      'qwertyuiopasdf',
      'passwordpassword',
      'Password123456',
      'P@ssw0rd2026!',
      'Monkey123456!',
      'liverpool12345',
      'iloveyouforever',
      '111111111111',
      'abcabcabcabc',
      'sunshine sunshine',
      'Football2025!!',
    ]) {
      assert.match(problem(common) ?? '', /one of the most common passwords/, common);
    }
  });

  test('the built-in list holds at least the top 1,000', () => {
    const lines = readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !l.startsWith('#'));
    assert.ok(lines.length >= 1000, `${lines.length} entries`);
    assert.ok(lines.includes('123456') && lines.includes('password') && lines.includes('qwerty'));
  });

  test('a password containing the e-mail name or the service name is refused', () => {
    assert.match(problem('JaneSmith-is-here-2026') ?? '', /must not contain your email address/);
    assert.match(problem('mister smith goes to town') ?? '', /must not contain your email address/);
    assert.match(problem('jane.smith@testshire.gov.uk') ?? '', /email address/);
    assert.match(problem('getting to good rocks!') ?? '', /name of this service/);
    assert.match(problem('my g2g password 77') ?? '', /name of this service/);
  });

  test('checkPassword throws a validation error on the password field', () => {
    assert.throws(
      () => checkPassword('short', person),
      (error: unknown) => error instanceof ValidationError && error.issues[0]?.path === 'password',
    );
    assert.doesNotThrow(() => checkPassword('correct horse battery staple', person));
  });
});
