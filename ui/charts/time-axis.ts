/** Tick steps for a time axis, ms: 1s … 1 week, the nice values people read on a clock. */
const STEPS = [
  1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
  604_800,
].map((s) => s * 1000);

/** Ticks on whole multiples of a step giving at most `maxTicks` ticks in [start, end]. */
export function axisTicks(start: number, end: number, maxTicks = 10): number[] {
  const span = Math.max(1, end - start);
  const step = STEPS.find((s) => span / s <= maxTicks) ?? STEPS[STEPS.length - 1]!;
  const ticks: number[] = [];
  for (let t = Math.ceil(start / step) * step; t <= end && ticks.length <= maxTicks; t += step) ticks.push(t);
  return ticks;
}

/** HH:MM:SS for spans under a day, else MM-DD HH:MM (UTC): the file export's tick labels. */
export function formatUtcTick(t: number, span: number): string {
  const iso = new Date(t).toISOString();
  return span < 86_400_000 ? iso.slice(11, 19) : `${iso.slice(5, 10)} ${iso.slice(11, 16)}`;
}
