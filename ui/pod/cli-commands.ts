/**
 * "Copy as CLI": the podtrail commands that print what the pod page shows: the rows (`timeline`,
 * `-o wide` when the page is wide) and the describe text of the selected moment (`describe --at`,
 * under `TZ=UTC` when the page shows UTC, since describe prints times in the local zone as kubectl does).
 */
export interface ScreenState {
  readonly cluster: string;
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly wide: boolean;
  /** The selected moment, RFC 3339 as the page holds it; undefined: the incarnation's end. */
  readonly at: string | undefined;
  readonly utc: boolean;
}

export function cliCommands(s: ScreenState): string[] {
  const pod = `${quote(s.name)} -n ${quote(s.namespace)} --cluster ${quote(s.cluster)} --uid ${quote(s.uid)}`;
  const timeline = `podtrail timeline ${pod}${s.wide ? ' -o wide' : ''} --events`;
  const describe = `${s.utc ? 'TZ=UTC ' : ''}podtrail describe ${pod}${s.at === undefined ? '' : ` --at ${s.at}`}`;
  return [timeline, describe];
}

/** POSIX shell quoting for a value that is not a plain word (names are DNS names; uids are safe). */
function quote(value: string): string {
  return /^[A-Za-z0-9._:/@%+=-]+$/.test(value) ? value : `'${value.replaceAll("'", "'\\''")}'`;
}
