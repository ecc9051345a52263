/**
 * The names podtrail accepts, one definition for every edge: the ingest's wire schema, the query
 * parameters and the CLI's flags. They follow Kubernetes' own validation (apimachinery
 * `IsDNS1123Label`, `IsDNS1123Subdomain`), so a name the API server accepted is never refused here,
 * and none may contain `#`, which the store's keys use as a separator.
 *
 * Every repetition is bounded or fenced by a length lookahead, so a megabyte-long value fails in
 * microseconds instead of backtracking.
 */

/** RFC 1123 label (≤ 63): namespaces, container names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/**
 * RFC 1123 subdomain (≤ 253 in all): pod names. Kubernetes bounds only the whole name, not each
 * dot-separated part, so a 100-character pod name without dots is valid.
 */
export const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** A cluster name as the agent reports it: a DNS label (docs/wire-format.md). */
export const CLUSTER_NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** metadata.uid: a UUID as the API server assigns, or any short token of these characters (simulators, tests). */
export const UID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/** A STATUS cell or termination reason: CrashLoopBackOff, Init:0/1, Signal:9, ExitCode:137, OOMKilled… */
export const STATUS_VALUE = /^[A-Za-z0-9][-A-Za-z0-9:/._]{0,63}$/;

/** A workload: `Kind/name` or a bare name; names are DNS subdomains. */
export const WORKLOAD = /^([A-Z][A-Za-z0-9]{0,62}\/)?[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** An Event's reason: CamelCase as recorders write it (BackOff, FailedScheduling); ≤ 128 as events.k8s.io validates. */
export const EVENT_REASON = /^[A-Za-z0-9][-A-Za-z0-9_.:]{0,127}$/;

/** An Event's type: Normal or Warning (any short word is accepted; those two are what the API allows). */
export const EVENT_TYPE = /^[A-Za-z]{1,32}$/;
