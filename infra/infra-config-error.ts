/**
 * A deployment option (CDK context or a clusters file) that cannot be used as given. `infra/app.ts`
 * prints the message alone — it says which option is wrong and what to write instead.
 */
export class InfraConfigError extends Error {
  override readonly name = 'InfraConfigError';
}
