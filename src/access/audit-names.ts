import { formatDate } from '../lib/format.js';
import type { PlanDocumentParsed } from '../plans/document/plan-document.schema.js';

// What the audit trail calls the things a plan holds: by their reference or words, never by
// an internal id. An action without a reference is "recommendation 3, action 2": its
// recommendation and its place among that recommendation's actions. Names start in lower
// case, to follow "Changed", "Added" or "Removed"; `capitalise` starts a sentence with one.

type State = Record<string, unknown> | null | undefined;

/** The parts of a plan that names are made from. */
export type NamedPlan = Pick<
  PlanDocumentParsed,
  'sections' | 'themes' | 'recommendations' | 'actions' | 'measures' | 'risks' | 'costs' | 'updates'
>;

const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() ? value.trim() : null;

/** Words cut to `max` characters (with an ellipsis), for naming a thing by what it says. */
export function shorten(words: string, max = 60): string {
  const flat = words.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const quote = (words: string) => `‘${shorten(words)}’`;

/** Names for one plan's things, from its current content and the state a change recorded. */
export class PlanNames {
  private readonly recommendations = new Map<string, { ref: string | null; place: number }>();
  /** Each action's reference, and its place among the actions it is listed with. */
  private readonly actions = new Map<
    string,
    { ref: string | null; recommendationId: string | null; themeId: string | null; place: number }
  >();
  private readonly states = new Map<string, Record<string, unknown>>();

  constructor(plan: NamedPlan) {
    plan.recommendations.forEach((r, i) =>
      this.recommendations.set(r.id, { ref: text(r.ref), place: i + 1 }),
    );
    const counts = new Map<string, number>();
    for (const a of plan.actions) {
      const group = a.recommendationId ? `r:${a.recommendationId}` : `t:${a.themeId ?? ''}`;
      const place = (counts.get(group) ?? 0) + 1;
      counts.set(group, place);
      this.actions.set(a.id, {
        ref: text(a.ref),
        recommendationId: a.recommendationId,
        themeId: a.themeId,
        place,
      });
    }
    for (const [kind, items] of [
      ['section', plan.sections],
      ['theme', plan.themes],
      ['recommendation', plan.recommendations],
      ['action', plan.actions],
      ['measure', plan.measures],
      ['risk', plan.risks],
      ['cost', plan.costs],
      ['update', plan.updates],
    ] as const) {
      for (const item of items) this.states.set(`${kind}:${item.id}`, { ...item });
    }
  }

  /** Whether the plan holds this thing now (so a link to its page can be offered). */
  holds(kind: string, id: string): boolean {
    return this.states.has(`${kind}:${id}`);
  }

  /** The kind of the thing with this id, if the plan holds it now. */
  kindOf(id: string): string | null {
    for (const key of this.states.keys()) {
      const [kind, ...rest] = key.split(':');
      if (rest.join(':') === id && kind) return kind;
    }
    return null;
  }

  /** "recommendation 3" (its reference), else by its place: "recommendation 2". */
  recommendation(id: string, state?: State): string {
    const ref = text(state?.ref) ?? this.recommendations.get(id)?.ref;
    if (ref) return `recommendation ${ref}`;
    const known = this.recommendations.get(id);
    if (known) return `recommendation ${known.place}`;
    const words = text(state?.text);
    return words ? `the recommendation ${quote(words)}` : 'a recommendation since removed';
  }

  /** "action 1.1", or for one without a reference "recommendation 3, action 2". */
  action(id: string, state?: State): string {
    const ref = text(state?.ref) ?? this.actions.get(id)?.ref;
    if (ref) return `action ${ref}`;
    const known = this.actions.get(id);
    if (known) {
      if (known.recommendationId)
        return `${this.recommendation(known.recommendationId)}, action ${known.place}`;
      if (known.themeId) return `${this.item('theme', known.themeId)}, action ${known.place}`;
      return `action ${known.place} of the plan`;
    }
    const words = text(state?.text);
    const of = text(state?.recommendationId);
    const under = of ? ` of ${this.recommendation(of)}` : '';
    return words ? `the action ${quote(words)}${under}` : `an action${under}, since removed`;
  }

  /** The name of any thing of the plan, from the state the change recorded (after, else before). */
  item(kind: string, id: string, recorded?: State): string {
    const state = recorded ?? this.states.get(`${kind}:${id}`);
    const ref = text(state?.ref);
    switch (kind) {
      case 'plan':
        return 'the plan';
      case 'inspection':
        return 'the inspection';
      case 'recommendation':
        return this.recommendation(id, state);
      case 'action':
        return this.action(id, state);
      case 'update': {
        const actionId = text(state?.actionId);
        const date = formatDate(text(state?.date));
        const on = actionId ? ` on ${this.action(actionId)}` : '';
        return `the update${date ? ` of ${date}` : ''}${on}`;
      }
      case 'section':
        if (ref) return /^section\b/i.test(ref) ? ref : `section ${ref}`;
        return named('the section', state?.title);
      case 'theme': {
        const noun = state?.kind === 'workstream' ? 'workstream' : 'theme';
        return ref ? `${noun} ${ref}` : named(`the ${noun}`, state?.title);
      }
      case 'measure':
        return ref ? `measure ${ref}` : named('the measure', state?.name);
      case 'risk':
        return ref ? `risk ${ref}` : named('the risk', state?.threat);
      case 'cost':
        return named('the cost', state?.item);
      case 'board':
        return named('the board', state?.name);
      case 'budget':
        return `the budget for ${id}`;
      case 'boardPack':
        return named('the board pack for', state?.meeting);
      default:
        return `a ${kind.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()}`;
    }
  }

  /** The name of a thing the plan holds now, known only by its id (a filter's item). */
  find(id: string): string | null {
    const kind = this.kindOf(id);
    return kind ? this.item(kind, id) : null;
  }
}

function named(noun: string, words: unknown): string {
  const t = text(words);
  return t ? `${noun} ${quote(t)}` : noun;
}
