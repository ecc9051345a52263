import type { Route } from '../route.js';
import { clustersRoute } from './clusters.js';
import { describeRoute } from './describe.js';
import { eventsRoute } from './events.js';
import { podsRoute } from './pods.js';
import { restartRecordsRoute, restartsRoute } from './restarts.js';
import { startupRoute } from './startup.js';
import { statusEnteredRoute } from './status-entered.js';
import { timelineRoute } from './timeline.js';

/** One route per access pattern of the key schema (docs/key-schema.md) (plus the clusters overview). */
export const ROUTES: readonly Route[] = [
  timelineRoute,
  eventsRoute,
  describeRoute,
  podsRoute,
  statusEnteredRoute,
  restartsRoute,
  restartRecordsRoute,
  startupRoute,
  clustersRoute,
];
