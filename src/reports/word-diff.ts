/** A piece of a reworded text: kept, inserted or deleted words (with their spacing). */
export interface WordPiece {
  text: string;
  kind: 'same' | 'ins' | 'del';
}

/**
 * The words of `from` and `to` compared (longest common subsequence over words), as pieces
 * to mark with <ins> and <del>. Neighbouring pieces of one kind are joined.
 */
export function wordDiff(from: string, to: string): WordPiece[] {
  const words = (t: string) => (t === '' ? [] : t.split(/(?<=\s)(?=\S)/));
  const [a, b] = [words(from), words(to)];
  const key = (w: string) => w.trim();
  const n = a.length;
  const m = b.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      const row = lcs[i] as number[];
      row[j] =
        key(a[i] ?? '') === key(b[j] ?? '')
          ? (lcs[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lcs[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const pieces: WordPiece[] = [];
  const push = (text: string, kind: WordPiece['kind']) => {
    const last = pieces.at(-1);
    if (last?.kind === kind) last.text += text;
    else pieces.push({ text, kind });
  };
  let [i, j] = [0, 0];
  while (i < n || j < m) {
    if (i < n && j < m && key(a[i] ?? '') === key(b[j] ?? '')) {
      push(b[j] ?? '', 'same');
      i++;
      j++;
    } else if (i < n && (j >= m || (lcs[i + 1]?.[j] ?? 0) >= (lcs[i]?.[j + 1] ?? 0))) {
      push(a[i] ?? '', 'del');
      i++;
    } else {
      push(b[j] ?? '', 'ins');
      j++;
    }
  }
  return pieces;
}

/** The pieces as plain text: [-deleted-]{+inserted+}, for the command line. */
export function wordDiffText(pieces: WordPiece[]): string {
  return pieces
    .map((p) =>
      p.kind === 'same'
        ? p.text
        : p.kind === 'ins'
          ? `{+${p.text.trimEnd()}+} `
          : `[-${p.text.trimEnd()}-] `,
    )
    .join('')
    .trim();
}
