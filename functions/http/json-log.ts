/**
 * One JSON object per line: the log format of both functions (Lambda sends stdout to CloudWatch)
 * and of `podtrail serve` (stderr). One line per request or lifecycle change; never payloads,
 * parameter values or secrets (house style point 11).
 */
export type LogLine = Readonly<Record<string, unknown>>;
export type Log = (line: LogLine) => void;

export function jsonLines(stream: { write(chunk: string): unknown }): Log {
  return (line) => {
    stream.write(`${JSON.stringify(line)}\n`);
  };
}
