import { readFileSync } from 'node:fs';
import { ValidationError } from '../lib/errors.js';

// The NCSC's password guidance: length over complexity (no rules about symbols or capitals, no
// forced expiry), a generous maximum, and a block on the commonest passwords. Following NIST
// SP 800-63B, passwords built on the person's own e-mail name or the service's name are refused too.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

/** What the password forms say about a good password, before anyone gets it wrong. */
export const PASSWORD_HINT =
  'Use at least 12 characters. Three or four unrelated words make a good password. Do not use a common password, your email address or the name of this service.';

const SERVICE_NAMES = ['gettingtogood', 'g2g'];

let commonList: Set<string> | undefined;

/** The built-in list (src/data/common-passwords.txt), read once when first needed. */
function common(): Set<string> {
  commonList ??= new Set(
    readFileSync(new URL('../data/common-passwords.txt', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#')),
  );
  return commonList;
}

const LEET: Record<string, string> = {
  '@': 'a',
  '4': 'a',
  '3': 'e',
  '1': 'i',
  '!': 'i',
  '0': 'o',
  $: 's',
  '5': 's',
  '7': 't',
};

/** Whether the password is, or is built on, a common one ("Monkey123456!", "P@ssw0rd2026"). */
function isCommon(lower: string): boolean {
  const list = common();
  const compact = lower.replace(/[^a-z0-9]/g, '');
  const core = lower.replace(/^[^a-z]+|[^a-z]+$/g, '');
  const plainCore = core.replace(/[@4310!$57]/g, (c) => LEET[c] ?? c);
  const repeated = /^(.+?)\1+$/.exec(compact)?.[1];
  return (
    list.has(lower) ||
    list.has(compact) ||
    list.has(core) ||
    list.has(plainCore) ||
    list.has(plainCore.replace(/[^a-z]/g, '')) ||
    // One short unit or one common word over and over: "abcabcabcabc", "monkeymonkeymonkey".
    (repeated !== undefined && (repeated.length <= 4 || list.has(repeated)))
  );
}

/** The words of an e-mail address's name part that a password must not contain. */
function emailWords(email: string): string[] {
  const local = email.split('@')[0]?.toLowerCase() ?? '';
  const whole = local.replace(/[^a-z0-9]/g, '');
  const parts = local.split(/[^a-z0-9]+/).filter((p) => p.length >= 4);
  return [...(whole.length >= 3 ? [whole] : []), ...parts];
}

/**
 * Why this password may not be used, in words that say what to do; null when it is fine.
 * `email` is the address of the person choosing it.
 */
export function passwordProblem(password: string, context: { email: string }): string | null {
  if (!password) return 'Enter a password';
  if (password.length < MIN_PASSWORD_LENGTH) {
    return `Your password must be at least ${MIN_PASSWORD_LENGTH} characters long: three or four unrelated words make a good one`;
  }
  if (password.length > MAX_PASSWORD_LENGTH) {
    return `Your password must be ${MAX_PASSWORD_LENGTH} characters or fewer`;
  }
  const lower = password.toLowerCase();
  const compact = lower.replace(/[^a-z0-9]/g, '');
  if (emailWords(context.email).some((word) => compact.includes(word))) {
    return 'Your password must not contain your email address or a name from it: choose something else';
  }
  if (SERVICE_NAMES.some((name) => compact.includes(name))) {
    return 'Your password must not contain the name of this service: choose something else';
  }
  if (isCommon(lower)) {
    return 'Your password is one of the most common passwords, so it is easy to guess: choose something else, such as three or four unrelated words';
  }
  return null;
}

/** Throws a ValidationError on the field `password` when the password may not be used. */
export function checkPassword(password: string, context: { email: string }, subject = 'user') {
  const problem = passwordProblem(password, context);
  if (problem) throw new ValidationError([{ path: 'password', message: problem }], subject);
}
