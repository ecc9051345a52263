/**
 * Container entry point (bundled to one file by esbuild, see agent/Dockerfile). Node runs as PID 1
 * there, so the SIGTERM handler in runAgentCommand is what makes `kubectl delete pod` graceful.
 */
import { runAgentCommand } from './cli.js';

const argv = process.argv.slice(2);
if (argv.includes('--help') || argv.includes('-h')) {
  const { AGENT_USAGE } = await import('./cli.js');
  process.stdout.write(`${AGENT_USAGE}\n`);
  process.exit(0);
}
try {
  const code = await runAgentCommand(
    argv,
    { stdout: process.stdout, stderr: process.stderr, env: process.env },
    process,
  );
  process.exit(code);
} catch (error) {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
