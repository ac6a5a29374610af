// Leads are written as free text: "Pete Campbell/Bev Coles", "Jean Pollard Angela Clarke",
// "Head of Referral, Assessment and Intervention". Each becomes one lead with a kind.
export type LeadKind = 'person' | 'role' | 'team' | 'board';
export interface Lead {
  name: string;
  kind: LeadKind;
}

const BOARD = /\b(board|panel|group|sub-group|subgroup|committee|partnership|bscb|lscb)\b/i;
const ROLE =
  /\b(head|director|manager|officer|lead|chair|principal|coordinator|co-ordinator|commissioner|advisor|adviser|dcs|hos|atm|worker|member|holder)s?\b/i;
const TEAM = /\b(team|teams|service|services|unit|provider)\b/i;
// "ATMs", "IROs", "SMs": a role written as its letters, usually plural.
const LETTERS = /^[A-Z]{2,6}s?$/;

/** What sort of lead a name is, from its words. */
export function leadKind(name: string): LeadKind {
  // "(PSW)" after a name is the person's role abbreviation, not a different kind of lead.
  const core = name.replace(/\([^)]*\)/g, ' ');
  // "Sally Lewis BSCB Chair": a title at the end names a role, even of a board.
  if (/\b(chair|manager|officer|director|lead|coordinator)\s*$/i.test(core.trim())) return 'role';
  if (BOARD.test(core)) return 'board';
  if (ROLE.test(core)) return 'role';
  if (TEAM.test(core)) return 'team';
  return 'person';
}

const NAME = /^[A-Z][a-z'’-]+(?:-[A-Z][a-z]+)?$/;

// Two capitalised words then two more ("Jean Pollard Angela Clarke") are two people.
function splitNames(part: string): string[] {
  if (leadKind(part) !== 'person') return [part];
  const words = part.split(/\s+/).filter(Boolean);
  if (words.length === 4 && words.every((w) => NAME.test(w))) {
    return [words.slice(0, 2).join(' '), words.slice(2).join(' ')];
  }
  if (words.length === 6 && words.every((w) => NAME.test(w))) {
    return [words.slice(0, 2), words.slice(2, 4), words.slice(4)].map((w) => w.join(' '));
  }
  return [part];
}

// A lead is a person, role, team or board, never a sentence: words the extraction moved in
// from a cost or update column ("... would span 2016", "Further escalation needed").
const SENTENCE_WORDS =
  /\b(is|are|was|were|will|would|needed|needs|continues?|indicates?|held|includ(es|ed)|identified|requires?|span)\b/i;

/** Whether a piece of a lead cell reads as a sentence rather than a lead's name. */
export function isSentence(piece: string): boolean {
  const outside = piece.replace(/\([^)]*\)/g, ' ').trim();
  const words = outside.split(/\s+/).filter(Boolean);
  if (words.length > 9) return true;
  if (/^(note|nb)\b/i.test(outside)) return true;
  return words.length >= 2 && SENTENCE_WORDS.test(outside);
}

/** The parts of a lead cell that read as sentences, not leads (for a warning). */
export function sentencesInLeads(cell: string): string[] {
  return splitOutsideBrackets(cell)
    .map((p) => p.trim())
    .filter((p) => p && isSentence(p));
}

/** Reads a lead cell into leads; separators are slashes, new lines, " and ", "&" between names. */
export function parseLeads(cell: string): Lead[] {
  const out: Lead[] = [];
  const seen = new Set<string>();
  for (const line of splitOutsideBrackets(cell)) {
    if (isSentence(line)) continue;
    const trimmed = line
      .replace(/^[\s•·*-]+/, '')
      .replace(/[\s.,]+$/, '')
      .trim();
    // "2016/17" cut at its slash leaves "17": a lead has letters.
    if (!/\p{L}/u.test(trimmed)) continue;
    // " and " only separates plain names; inside a role title it is part of the title.
    // Never inside brackets: "(Interim HoS, Children and Families)" describes one person.
    const roles = roleList(trimmed);
    const pieces =
      roles ??
      (leadKind(trimmed) === 'person' && !/[()]/.test(trimmed)
        ? trimmed.split(/\s+(?:and|&)\s+/)
        : [trimmed]);
    for (const piece of pieces.flatMap(splitNames)) {
      const name = piece.trim().slice(0, 200);
      if (!name || seen.has(name.toLowerCase())) continue;
      seen.add(name.toLowerCase());
      out.push({ name, kind: leadKind(name) });
    }
  }
  return out;
}

/**
 * Several roles or teams in one piece ("Social workers, ATMs and Team Managers", "CP Chairs,
 * CAR Team"): each is a lead. Null when any part is not a short role, team or board name, as
 * in "Head of Referral, Assessment and Intervention" (one title) or "Ann Lee, Head of Service".
 */
function roleList(piece: string): string[] | null {
  // "All Service and Team Managers": after "all", "the" or "each" the words share one noun.
  if (/[()]/.test(piece) || /^(all|the|each|every|both)\b/i.test(piece)) return null;
  const parts = piece.split(/\s*,\s*|\s+(?:and|&)\s+/).map((p) => p.trim());
  if (parts.length < 2) return null;
  const roleLike = (p: string) =>
    p.split(/\s+/).length <= 4 &&
    (LETTERS.test(p) || (leadKind(p) !== 'person' && /^[A-Z]/.test(p)));
  return parts.every(roleLike) ? parts : null;
}

// Slashes, new lines and semicolons separate leads, except inside brackets; so does the end
// of a bracket followed by more words ("Ann Lee (Head of Service) Raj Patel (Manager)").
function splitOutsideBrackets(cell: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let part = '';
  const chars = [...cell];
  chars.forEach((ch, i) => {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (depth === 0 && (ch === '/' || ch === '\n' || ch === ';')) {
      out.push(part);
      part = '';
      return;
    }
    part += ch;
    const after = chars.slice(i + 1, i + 4).join('');
    if (ch === ')' && depth === 0 && /^[\s,]+\S/.test(after)) {
      out.push(part);
      part = '';
    }
  });
  out.push(part);
  return out.map((p) => p.replace(/^[\s,]+/, ''));
}
