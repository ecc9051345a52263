import { AGENT_USAGE, runAgentCommand } from '../../agent/cli.js';
import type { Command } from '../io.js';

/** `podtrail agent`: the in-cluster agent, runnable against any kubeconfig context. */
export const agentCommand: Command = {
  name: 'agent',
  usage: AGENT_USAGE,
  run: (argv, io) => runAgentCommand(argv, io, process),
};
