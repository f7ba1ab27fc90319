/** The candidate closest to a mistyped `word` (`promt` → `prompt`), when one is close enough to be what was meant. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  // One slip in a short word, two in a longer one: more would suggest unrelated names.
  const allowed = word.length > 5 ? 2 : 1;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= allowed && (!best || distance < best.distance)) best = { candidate, distance };
  }
  return best?.candidate;
}

/** ` (did you mean "prompt"?)`, or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closest(word, candidates);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}

/** Edits (insert, delete, replace, swap two neighbours) from `a` to `b` (optimal string alignment). */
function editDistance(a: string, b: string): number {
  // distances[i][j]: edits from the first i characters of `a` to the first j of `b`.
  const distances = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number) => distances[i]?.[j] ?? 0;
  const set = (i: number, j: number, value: number) => {
    (distances[i] as number[])[j] = value;
  };
  for (let i = 0; i <= a.length; i++) set(i, 0, i);
  for (let j = 0; j <= b.length; j++) set(0, j, j);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const replace = at(i - 1, j - 1) + (a[i - 1] === b[j - 1] ? 0 : 1);
      const swap = i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1] ? at(i - 2, j - 2) + 1 : replace;
      set(i, j, Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, replace, swap));
    }
  }
  return at(a.length, b.length);
}
