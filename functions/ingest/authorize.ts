/**
 * Cluster authorization (docs/wire-format.md, Authentication): the caller's principal must be one configured for the
 * cluster it claims. In AWS the principal is the Function URL's `authorizer.iam.userArn`, which for
 * an agent role is an STS session ARN; it is reduced to the role ARN before matching. Configured
 * patterns are ARNs (role paths ignored, since session ARNs do not carry them) or `local:<name>`,
 * and may use `*` as a wildcard; the cluster key `*` applies to every cluster.
 */
const ASSUMED_ROLE = /^arn:([^:]+):sts::([0-9]{12}):assumed-role\/([^/]+)\/.+$/;
const IAM_ROLE = /^arn:([^:]+):iam::([0-9]{12}):role\/(?:.*\/)?([^/]+)$/;

export function normalizePrincipal(principal: string): string {
  const assumed = ASSUMED_ROLE.exec(principal);
  if (assumed !== null) return `arn:${assumed[1]}:iam::${assumed[2]}:role/${assumed[3]}`;
  const role = IAM_ROLE.exec(principal);
  if (role !== null) return `arn:${role[1]}:iam::${role[2]}:role/${role[3]}`;
  return principal;
}

export function mayWrite(
  principals: Readonly<Record<string, readonly string[]>>,
  cluster: string,
  principal: string,
): boolean {
  const caller = normalizePrincipal(principal);
  const allowed = [...(principals[cluster] ?? []), ...(principals['*'] ?? [])];
  return allowed.some((pattern) => matches(normalizePrincipal(pattern), caller));
}

function matches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const regex = new RegExp(`^${pattern.split('*').map(escapeRegExp).join('.*')}$`);
  return regex.test(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
