import type { ResourceName } from '../kube/resource-api.js';
import type { Probe } from './health-server.js';
import type { AgentMetrics } from './metrics.js';

/**
 * What /healthz and /readyz answer, from the loops' figures. Liveness: every list/watch loop heard
 * from the API server — a list page, a watch opening, an event or a bookmark — within the bound
 * (a wedged watch or a lost connection that nothing notices gets the pod restarted). Readiness:
 * every loop completed its first list, and the agent is not shutting down.
 */

export function livenessProbe(
  metrics: Pick<AgentMetrics, 'reflectors'>,
  at: { readonly now: number; readonly startedAt: number; readonly maxSilenceMs: number },
): Probe {
  const loops = (
    Object.entries(metrics.reflectors) as [ResourceName, { lastContactTimestamp: number }][]
  ).map(([resource, { lastContactTimestamp }]) => {
    const silentMs = at.now - (lastContactTimestamp || at.startedAt);
    const seconds = Math.round(silentMs / 1000);
    return {
      ok: silentMs <= at.maxSilenceMs,
      text:
        lastContactTimestamp === 0 ? `${resource} starting for ${seconds}s` : `${resource} ${seconds}s ago`,
    };
  });
  return {
    ok: loops.every((loop) => loop.ok),
    detail: `last API contact: ${loops.map((loop) => loop.text).join(', ')}`,
  };
}

export function readinessProbe(
  listedAt: Partial<Record<ResourceName, number>>,
  state: { readonly stopping: boolean; readonly pods: number; readonly events: number },
): Probe {
  const unlisted = (['pods', 'events'] as const).filter((resource) => listedAt[resource] === undefined);
  return {
    ok: unlisted.length === 0 && !state.stopping,
    detail: state.stopping
      ? 'shutting down'
      : unlisted.length > 0
        ? `first list not complete: ${unlisted.join(', ')}`
        : `listed, ${state.pods} pods, ${state.events} events tracked`,
  };
}
