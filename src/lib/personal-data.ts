// Plans must hold no personal data about children. The web refuses text that looks like it
// (the forms' shared pipeline, web/forms.ts) and the importer warns about it: the same rules.
// Each rule needs a strong sign, so that dates, years, amounts, percentages and telephone
// numbers in ordinary text pass: a date of birth needs its words (DOB, date of birth, born on)
// and a full date; an NHS number needs ten digits whose last is the right mod-11 check digit;
// a case number needs its words (case, client, Mosaic ... number, no., ref, ID) and digits.

export interface PersonalDataFinding {
  kind: 'date-of-birth' | 'nhs-number' | 'case-number';
  /** The text found, as written. */
  found: string;
  /** What it looks like, for a sentence: "an NHS number". */
  what: string;
}

const MONTHS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const FULL_DATE = `(?:\\d{1,2}[/.-]\\d{1,2}[/.-](?:\\d{4}|\\d{2})|\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTHS})\\.?,?\\s+\\d{4})`;
const DOB = new RegExp(
  `\\b(?:d\\.?o\\.?b\\.?|date\\s+of\\s+birth|born(?:\\s+on)?)\\s*[:(,-]?\\s*(${FULL_DATE})\\b`,
  'i',
);
/** A capitalised name just before the date of birth: "Jayden Smith (DOB ...". */
const NAME_BEFORE = /\b[A-Z][a-z]+(?:[ '-][A-Z][a-z]+)*\s*[,(]?\s*$/;
const TEN_DIGITS = /(?<![\d£$€.,])(\d{3})[ -]?(\d{3})[ -]?(\d{4})(?![\d%]|[.,]\d)/g;
const CASE = new RegExp(
  "\\b(?:case|client|child(?:['’]s)?|person|mosaic|lcs|liquidlogic|eclipse|care\\s+first|swift)" +
    '\\s*(?:number|no\\.?|num\\.?|ref(?:erence)?|id)\\s*(?:is|:|#|-)?\\s*' +
    '([A-Z]{0,4}[/-]?\\d{4,}(?:[/-]\\d+)*)\\b',
  'i',
);

/** Whether ten digits are a valid NHS number: the mod-11 check digit (weights 10 down to 2). */
export function isNhsNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 9; i += 1) sum += Number(digits[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === Number(digits[9]);
}

/** The first thing in `text` that looks like a child's personal data, or null. */
export function findPersonalData(text: string): PersonalDataFinding | null {
  const dob = DOB.exec(text);
  if (dob) {
    const named = NAME_BEFORE.test(text.slice(0, dob.index));
    return {
      kind: 'date-of-birth',
      found: dob[0],
      what: named ? 'a name with a date of birth' : 'a date of birth',
    };
  }
  for (const m of text.matchAll(TEN_DIGITS)) {
    const digits = `${m[1]}${m[2]}${m[3]}`;
    // Telephone numbers start with 0; an NHS number never does.
    if (!digits.startsWith('0') && isNhsNumber(digits))
      return { kind: 'nhs-number', found: m[0], what: 'an NHS number' };
  }
  const found = CASE.exec(text);
  if (found) return { kind: 'case-number', found: found[0], what: 'a case or client number' };
  return null;
}

/** The message a person reads: what was found, and why it is refused. */
export function personalDataMessage(finding: PersonalDataFinding): string {
  return `This looks like ${finding.what}: ‘${finding.found}’. Plans are read by many people and must not hold a child’s personal details; remove it and describe the work instead`;
}
