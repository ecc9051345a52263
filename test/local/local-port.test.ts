import { describe, expect, it } from 'vitest';
import { runPodtrail } from '../support/cli-process.js';

/**
 * One local endpoint port: `podtrail serve` and `npm start` both default to 7878 (7879 belongs to
 * `podtrail ui`), and their help says so.
 */
describe('the local endpoint port', () => {
  it.each([
    ['serve', /--port N +port to listen on; 0 picks any free port \(default 7878, the\n/],
    ['start', /--port N +port for the local endpoint \(default 7878, as for "podtrail serve";\n/],
  ])('podtrail %s --help names 7878 as the default', async (command, line) => {
    const run = await runPodtrail([command, '--help']);
    expect(run.code).toBe(0);
    expect(`${run.stdout}${run.stderr}`).toMatch(line);
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/8787|7879/);
  });
});
