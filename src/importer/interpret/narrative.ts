import type { PlanDocumentInput } from '../../plans/document/plan-document.schema.js';
import type { SourceLocation } from '../import.types.js';
import type { Measure } from './draft-builder.js';
import { directionOf, unitOf } from './measures.js';
import { squash } from './text-join.js';

type Inspection = NonNullable<PlanDocumentInput['inspection']>;
type Grade = Inspection['judgements'][number]['grade'];

export interface TextLine {
  text: string;
  where: SourceLocation;
}

/** What the prose around the tables says about the plan. */
export interface NarrativeFacts {
  organisation: string | null;
  title: string | null;
  version: string | null;
  /** ISO first day of the month the plan is dated ("April 2018"), for undated updates. */
  dated: string | null;
  period: { start: string; end: string } | null;
  inspection: Inspection | null;
  kpis: Array<Omit<Measure, 'id'>>;
}

const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const monthNo = (name: string) => MONTHS.indexOf(name.toLowerCase()) + 1;
const iso = (y: number, m: number, d: number) =>
  `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;

const clean = (t: string) => squash(t.replace(/[*_#]+/g, ' ')).replace(/^[-•]\s*/, '');

function titleCase(s: string): string {
  return s.toLowerCase().replace(/\b([a-z])/g, (c) => c.toUpperCase());
}

/** Reads the organisation, title, version, dates, judgements and headline KPIs from prose. */
export function readNarrative(lines: TextLine[]): NarrativeFacts {
  const texts = lines.map((l) => clean(l.text));
  const org = texts
    .map(
      (t) =>
        /\b([A-Z][A-Za-z&'’ -]{1,60}?\s(?:City|County|Borough|District|Metropolitan)?\s?Council)\b/i.exec(
          t.slice(0, 200),
        )?.[1],
    )
    .find((n): n is string => Boolean(n) && !/^(the|a|this|our)\b/i.test(n ?? ''));
  const plans = texts.filter(
    (t) => t.length <= 150 && /\b(improvement|action) plan\b/i.test(t) && !/[.:]$/.test(t),
  );
  const title = plans.find((t) => /\b(19|20)\d{2}\b/.test(t)) ?? plans[0] ?? null;
  const versionLine = texts.find(
    (t) => /\b(final draft|draft|version)\b.*\(?v\d+/i.test(t) && t.length < 120,
  );
  const version = versionLine
    ? (/((?:final\s+)?draft|version)\s*\(?v\d+(?:\.\d+)?\)?/i.exec(versionLine)?.[0] ?? null)
    : null;
  const range = title ? /\b(20\d{2})\s*[-–]\s*(20\d{2})\b/.exec(title) : null;
  const period =
    range?.[1] && range[2] ? { start: `${range[1]}-01-01`, end: `${range[2]}-12-31` } : null;
  const datedMatch = title
    ? /\b(January|February|March|April|May|June|July|August|September|October|November|December)\s+(20\d{2})\b/i.exec(
        title,
      )
    : null;
  const dated =
    datedMatch?.[1] && datedMatch[2] ? iso(Number(datedMatch[2]), monthNo(datedMatch[1]), 1) : null;
  // "Bath and North-East Somerset; Ofsted Improvement Plan": the place named before the plan.
  const before = title
    ? /^([A-Z][A-Za-z&'’ -]{2,60}?)\s*[;:–—|]\s*.*\bplan\b/i.exec(title)?.[1]
    : undefined;
  const place = before && !/\b(plan|ofsted|improvement|draft)\b/i.test(before) ? before : null;
  return {
    organisation: org ? titleCase(squash(org)) : place,
    title,
    version: version
      ? squash(version)
          .replace(/^(\w)/, (c) => c.toUpperCase())
          .replace(/\(?(v\d+(?:\.\d+)?)\)?$/i, '($1)')
          .replace(/\s*\(/, ' (')
      : null,
    dated,
    period,
    inspection: readInspection(texts),
    kpis: readKpis(texts),
  };
}

const GRADES: Array<[RegExp, Grade]> = [
  [/requires? improvement/i, 'requires-improvement'],
  [/inadequate/i, 'inadequate'],
  [/outstanding/i, 'outstanding'],
  [/good/i, 'good'],
];
const gradeOf = (t: string): Grade | null => GRADES.find(([re]) => re.test(t))?.[1] ?? null;

// A full date ("25 November 2016", "1st April 2022") right after the words; only a full date
// is taken ("published in December 2014" gives none).
function dateAfter(words: RegExp, t: string): string | null {
  const at = words.exec(t);
  if (!at) return null;
  const m = /^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})\b/.exec(
    t.slice(at.index + at[0].length),
  );
  const month = m ? monthNo(m[2] ?? '') : 0;
  return m && month > 0 ? iso(Number(m[3]), month, Number(m[1])) : null;
}

function readInspection(texts: string[]): Inspection | null {
  const between =
    /inspected[^.]*?between\s+(\d{1,2})(?:st|nd|rd|th)?\s*([A-Za-z]+)?\s*(\d{4})?\s+and\s+(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})/i;
  let startedOn: string | null = null;
  let endedOn: string | null = null;
  const judgements: Inspection['judgements'] = [];
  let published: string | null = null;
  let received: string | null = null;
  for (const t of texts) {
    const m = between.exec(t);
    if (m && !startedOn) {
      const endMonth = monthNo(m[5] ?? '');
      const year = Number(m[6]);
      const startMonth = m[2] ? monthNo(m[2]) : endMonth;
      if (endMonth > 0 && startMonth > 0) {
        startedOn = iso(m[3] ? Number(m[3]) : year, startMonth, Number(m[1]));
        endedOn = iso(year, endMonth, Number(m[4]));
      }
    }
    const overall =
      /overall judgement is that[^.]*?\b(requires? improvement|inadequate|outstanding|good)\b/i.exec(
        t,
      );
    const grade = overall?.[1] ? gradeOf(overall[1]) : null;
    if (grade && !judgements.some((j) => j.area === 'Overall effectiveness'))
      judgements.push({ area: 'Overall effectiveness', grade });
    const area =
      /\b([A-Z][a-z]+(?: [a-z]+){0,3}) (?:services )?(?:were|was|are|is) judged (?:to be |as )?([Rr]equires? [Ii]mprovement|[Ii]nadequate|[Oo]utstanding|[Gg]ood)\b/.exec(
        t,
      );
    // "The effectiveness of the Bristol Safeguarding Children Board has also been judged to
    // Require Improvement."
    const board =
      /effectiveness of the ([A-Z][\w’' ]{3,80}?(?:Board|LSCB))\s+(?:has|have)\s+(?:also\s+)?been judged (?:to be |to |as )?([Rr]equires? [Ii]mprovement|[Ii]nadequate|[Oo]utstanding|[Gg]ood)\b/.exec(
        t,
      );
    const boardGrade = board?.[2] ? gradeOf(board[2]) : null;
    if (board?.[1] && boardGrade && !judgements.some((j) => j.area === board[1]))
      judgements.push({ area: board[1], grade: boardGrade });
    // "...published on 25 November 2016", or "...identified by Ofsted in their report dated 13 May 2015".
    published ??=
      dateAfter(/\bpublished\b[^.]*?\bon\s+/i, t) ?? dateAfter(/\breport (?:was )?dated\s+/i, t);
    received ??= dateAfter(/\breceived the (?:inspection )?report\b[^.]*?\bon\s+/i, t);
    const areaGrade = area?.[2] ? gradeOf(area[2]) : null;
    if (area?.[1] && areaGrade && !judgements.some((j) => j.area === area[1]))
      judgements.push({ area: area[1], grade: areaGrade });
  }
  if (!startedOn && judgements.length === 0 && !published && !received) return null;
  const year = Number((startedOn ?? '').slice(0, 4));
  return {
    framework: year >= 2018 ? 'ILACS' : year >= 2013 ? 'SIF' : 'other',
    startedOn,
    endedOn: endedOn && startedOn && endedOn < startedOn ? null : endedOn,
    publishedOn: published,
    receivedOn: received,
    judgements: judgements.slice(0, 20),
  };
}

// The last list after "key performance indicators" is the plan's own (a covering report may
// repeat an earlier version of it).
function readKpis(texts: string[]): Array<Omit<Measure, 'id'>> {
  let best: string[] = [];
  for (let i = 0; i < texts.length; i++) {
    if (!/key performance indicators|headline (measures|indicators)/i.test(texts[i] ?? ''))
      continue;
    const items: string[] = [];
    for (let j = i + 1; j < texts.length; j++) {
      const t = texts[j] ?? '';
      if (!t) continue;
      if (!/^\d+(\.\d+)?\s*%/.test(t)) break;
      items.push(t.replace(/[;.]$/, '').replace(/\s+and$/, ''));
    }
    if (items.length) best = items;
  }
  return best.map((name) => {
    const value = Number(/^(\d+(?:\.\d+)?)/.exec(name)?.[1] ?? NaN);
    return {
      ref: null,
      name: name.slice(0, 2000),
      unit: unitOf(name),
      direction: directionOf(name),
      rangeLow: null,
      rangeHigh: null,
      lead: null,
      baseline: null,
      targets: [
        {
          value: Number.isFinite(value) ? value : null,
          text: name.slice(0, 2000),
          due: null,
          lead: null,
        },
      ],
      actuals: [],
      comparators: [],
      actionIds: [],
      recommendationIds: [],
    };
  });
}
