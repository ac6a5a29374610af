/**
 * A plan's updates grouped by action, made once per list of updates (kept while the list is):
 * the pages ask, for each of 300 actions, for its own among 10,800 updates, which scanning
 * the whole list each time makes 3 million comparisons a page.
 */
const grouped = new WeakMap<object, Map<string, readonly unknown[]>>();

const NONE: readonly never[] = [];

/** The updates of one action, in the list's order. */
export function updatesOfAction<U extends { actionId: string }>(
  updates: readonly U[],
  actionId: string,
): readonly U[] {
  let byAction = grouped.get(updates);
  if (!byAction) {
    const made = new Map<string, U[]>();
    for (const u of updates) {
      const list = made.get(u.actionId);
      if (list) list.push(u);
      else made.set(u.actionId, [u]);
    }
    grouped.set(updates, (byAction = made));
  }
  return (byAction.get(actionId) as readonly U[] | undefined) ?? NONE;
}
