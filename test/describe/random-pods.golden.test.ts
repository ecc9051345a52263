import { seededRandom } from '../../simulator/index.js';
import { describeGoldenCases, type GoldenCase } from '../support/describe-golden.js';
import { randomDescribeInput } from '../support/random-pods.js';

/**
 * Differential tests beyond the hand-picked cases: seeded random pods full of awkward values
 * (see random-pods.ts) must print exactly as kubectl prints them. The seeds are fixed, so a
 * failure replays; a new seed is a new set of pods.
 */

const randomCases = (seed: number, count: number, timeZone?: string): GoldenCase[] =>
  Array.from({ length: count }, (_, i) => ({
    rule: `random pod ${i} of seed ${seed}${timeZone === undefined ? '' : ` in ${timeZone}`} prints as kubectl prints it`,
    build: (now: number) => randomDescribeInput(seededRandom(seed * 1_000 + i), i, now),
    ...(timeZone === undefined ? {} : { timeZone }),
  }));

describeGoldenCases('describe pod: random pods', [
  ...randomCases(2026, 40),
  ...randomCases(35, 12, 'America/New_York'),
  ...randomCases(135, 8, 'Asia/Kolkata'),
]);
