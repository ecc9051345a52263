import { AGENT_USAGE, runAgentCommand } from '../../agent/cli.js';
import type { Command } from '../io.js';

/** `podtrail agent`: the in-cluster agent, runnable against any kubeconfig context. */
export const agentCommand: Command = {
  name: 'agent',
  summary: 'watch a cluster’s pods and forward every change to the podtrail ingest',
  usage: AGENT_USAGE,
  run: (argv, io) => runAgentCommand(argv, io, process),
};
