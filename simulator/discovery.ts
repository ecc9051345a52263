/**
 * Legacy (unaggregated) API discovery for what the simulator serves: the core group's v1 with pods
 * and events (get, list, watch), and no other groups. kubectl asks for aggregated discovery first and falls back to
 * these plain JSON documents, then finds `pods` in /api/v1 to resolve `kubectl describe pod NAME`.
 */

const API_VERSIONS = {
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1' }],
};

const API_GROUP_LIST = { kind: 'APIGroupList', apiVersion: 'v1', groups: [] };

const CORE_V1_RESOURCES = {
  kind: 'APIResourceList',
  groupVersion: 'v1',
  resources: [
    {
      name: 'events',
      singularName: 'event',
      namespaced: true,
      kind: 'Event',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['ev'],
    },
    {
      name: 'pods',
      singularName: 'pod',
      namespaced: true,
      kind: 'Pod',
      verbs: ['get', 'list', 'watch'],
      shortNames: ['po'],
      categories: ['all'],
    },
  ],
};

const DOCUMENTS: Readonly<Record<string, string>> = {
  '/api': JSON.stringify(API_VERSIONS),
  '/apis': JSON.stringify(API_GROUP_LIST),
  '/api/v1': JSON.stringify(CORE_V1_RESOURCES),
};

/** The discovery document served at `path`, serialized, if it is a discovery path. */
export function discoveryDocument(path: string): string | undefined {
  return DOCUMENTS[path];
}
