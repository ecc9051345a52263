import type { QueryClient } from './query-client.js';

/**
 * What to say when a query finds nothing: the likely reasons, made concrete with what the endpoint
 * does know (the clusters recorded, the retention).
 */
export async function emptyHint(
  client: QueryClient,
  cluster: string | undefined,
  also: readonly ('namespace' | 'window')[],
): Promise<string> {
  let known: { cluster: string }[] = [];
  let retentionDays: number | undefined;
  try {
    const body = await client.get<{ clusters: { cluster: string }[]; retentionDays?: number }>(
      '/v1/clusters',
    );
    known = body.clusters;
    retentionDays = body.retentionDays;
  } catch {
    // The hint is best effort: the query itself succeeded.
  }
  const reasons: string[] = [];
  if (cluster !== undefined && !known.some((c) => c.cluster === cluster)) {
    const names = known.map((c) => c.cluster).join(', ');
    reasons.push(
      `cluster "${cluster}" has never reported here${names === '' ? '' : ` (recorded: ${names})`}`,
    );
  } else if (cluster !== undefined) {
    reasons.push('a wrong --cluster name');
  }
  if (also.includes('namespace')) reasons.push('a wrong -n namespace (or try -A)');
  if (also.includes('window'))
    reasons.push('a window with no activity (try a wider --since, e.g. --since 7d)');
  reasons.push(`records older than the retention (${retentionDays ?? 30} days) are gone`);
  return `Possible reasons: ${reasons.join('; ')}.`;
}
