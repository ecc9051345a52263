/**
 * Orders strings by UTF-16 code units, as DynamoDB orders sort keys and as the keys podtrail
 * builds are meant to sort — never by locale.
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
