// The parameters of GOV.UK's pagination component (govukPagination) for a list shown a page
// at a time: previous and next links, the first and last pages, the current page and its
// neighbours, with an ellipsis for the pages left out.

export interface PageLinks {
  previous?: { href: string };
  next?: { href: string };
  items: Array<
    | { number: string; href: string; current: boolean; visuallyHiddenText: string }
    | { ellipsis: true }
  >;
  landmarkLabel: string;
}

/**
 * For page `current` of a list: `last` is the number of pages when known; when it is not
 * (the count was not taken), `hasNext` says whether there is a page after this one.
 * Null when everything fits on one page.
 */
export function pagination(
  current: number,
  known: { last: number } | { hasNext: boolean },
  href: (page: number) => string,
  landmarkLabel = 'Pages',
): PageLinks | null {
  const last = 'last' in known ? known.last : known.hasNext ? current + 1 : current;
  if (last <= 1 && current <= 1) return null;
  const shown = [...new Set([1, current - 1, current, current + 1, last])]
    .filter((n) => n >= 1 && n <= Math.max(last, current))
    .sort((a, b) => a - b);
  const items: PageLinks['items'] = [];
  shown.forEach((n, i) => {
    const before = shown[i - 1];
    if (before !== undefined && n - before > 1) items.push({ ellipsis: true });
    items.push({
      number: String(n),
      href: href(n),
      current: n === current,
      visuallyHiddenText: `Page ${n}`,
    });
  });
  return {
    previous: current > 1 ? { href: href(current - 1) } : undefined,
    next: current < last ? { href: href(current + 1) } : undefined,
    items,
    landmarkLabel,
  };
}
