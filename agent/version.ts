/** Reported to the ingest in every batch (`agent.version`) and in /metrics. */
export const AGENT_VERSION = '0.1.0';
