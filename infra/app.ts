import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { readPodtrailConfig } from './config.js';
import { InfraConfigError } from './infra-config-error.js';
import { PodtrailStack } from './podtrail-stack.js';

/**
 * `cdk synth` / `cdk deploy` entry point (cdk.json "app"). Options come from CDK context, e.g.
 * `npx cdk deploy -c clusters=prod-eu-1,staging`; docs/deploy.md lists them all. The AwsSolutions
 * checks run on every synth and fail it on any finding that is not acknowledged with a reason.
 */
const app = new App();
try {
  const config = readPodtrailConfig((key) => app.node.tryGetContext(key));
  new PodtrailStack(app, config.stackName, {
    config,
    description: 'podtrail: Kubernetes pod timelines and restart audits (table, ingest, query, alarms)',
  });
} catch (error) {
  if (!(error instanceof InfraConfigError)) throw error;
  process.stderr.write(`podtrail: ${error.message}\n`);
  process.exit(1);
}
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
