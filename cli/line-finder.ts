/** The 1-based line of an offset in `text`: a binary search over its newlines, built once per input. */
export function lineFinder(text: string): (offset: number) => number {
  const newlines: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) newlines.push(i);
  return (offset) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((newlines[mid] ?? Number.POSITIVE_INFINITY) < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
}
