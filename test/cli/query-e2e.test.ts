import { describe } from 'vitest';
import { startingBackends, useRecordedFleet } from '../support/query-e2e-fleet.js';
import { reportsSuite } from './query-e2e-reports-suite.js';
import { timelineSuite } from './query-e2e-timeline-suite.js';

/**
 * The query side end to end through `podtrail serve`, once per emulator (dynalite, DynamoDB Local):
 * one emulator, one serve and one recorded fleet per backend, shared by both suites.
 */
describe.each(startingBackends())('through podtrail serve on %s', (_backend, startEmulator) => {
  const fleet = useRecordedFleet(startEmulator);
  timelineSuite(fleet);
  reportsSuite(fleet);
});
