import type { ServerResponse } from 'node:http';
import type { StreamFaults } from './faults.js';
import { type FieldRequirement, matchesFieldSelector } from './field-selector.js';
import type { StoredEvent, WatchableStore } from './object-store.js';
import { type StatusBody, statusBody, tooOldResourceVersion } from './status.js';

/**
 * NDJSON watch streams with the API server's semantics, for any collection: resourceVersion unset
 * or "0" starts with synthetic ADDED events for every object; an RV still in the history ring
 * replays what came after it; an older RV gets one ERROR 410 event, then the stream closes (the
 * cacher's newErrWatcher). With allowWatchBookmarks=true a BOOKMARK goes out every
 * `bookmarkIntervalMs` and right before the timeoutSeconds deadline, after which the stream ends
 * cleanly. Slow readers are cut off once too much is buffered, as the apiserver does with watchers
 * that cannot keep up. A field selector filters as the cacher's watchers do (cacheWatcher
 * convertToWatchEvent): a change that starts to match is ADDED, one that stops matching is DELETED
 * (the previous object at the new resourceVersion).
 */

export interface WatchRequest {
  readonly namespace: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly allowWatchBookmarks: boolean;
  readonly timeoutSeconds: number | undefined;
  readonly sendInitialEvents: boolean;
  /** Already checked against the collection's selectable fields; empty selects everything. */
  readonly fieldSelector: readonly FieldRequirement[];
}

export interface WatchSource {
  readonly store: WatchableStore;
  /**
   * The fields after metadata of an empty object of the kind, as Go serializes it: a bookmark is
   * such an object with only metadata.resourceVersion set (cacher.go newFunc + UpdateObject).
   */
  readonly emptyObjectFields: string;
}

export interface WatchServerOptions {
  readonly bookmarkIntervalMs: number;
  /** Used when the client sends no timeoutSeconds (the apiserver picks 1800–3600 s). */
  readonly defaultTimeoutSeconds: number;
  readonly maxBufferedBytes: number;
  readonly onServed?: ((uid: string, resourceVersion: number) => void) | undefined;
}

export interface OpenWatch {
  /** Cuts the connection, optionally in the middle of the next line. */
  drop(halfLine: boolean): void;
  /** The connection goes silent for good (no events, no bookmarks). */
  stall(): void;
  readonly done: Promise<void>;
}

export function validateWatch(request: WatchRequest): StatusBody | undefined {
  if (request.sendInitialEvents) {
    return statusBody(
      422,
      'Invalid',
      'ListOptions.meta.k8s.io "" is invalid: sendInitialEvents: Forbidden: sendInitialEvents is forbidden for watch unless the WatchList feature gate is enabled',
    );
  }
  const rv = request.resourceVersion;
  if (rv !== undefined && rv !== '' && !/^\d+$/.test(rv)) {
    return statusBody(400, 'BadRequest', `invalid resource version: ${rv}`);
  }
  return undefined;
}

export function serveWatch(
  request: WatchRequest,
  res: ServerResponse,
  source: WatchSource,
  faults: StreamFaults,
  options: WatchServerOptions,
): OpenWatch {
  const { store } = source;
  const kind = store.kind;
  res.writeHead(200, {
    'content-type': 'application/json',
    'cache-control': 'no-cache, private',
    'transfer-encoding': 'chunked',
  });
  res.flushHeaders();

  let stalled = Date.now() < faults.stallUntilMs;
  let closed = false;
  let events = 0;
  const dropAfter = faults.dropAfterEvents?.();
  let timeoutTimer: NodeJS.Timeout | undefined;
  let bookmarkTimer: NodeJS.Timeout | undefined;
  let unsubscribe = () => {};
  let resolveDone = () => {};
  const done = new Promise<void>((resolve) => {
    resolveDone = resolve;
  });

  const finish = () => {
    if (closed) return;
    closed = true;
    unsubscribe();
    clearTimeout(timeoutTimer);
    clearTimeout(bookmarkTimer);
    resolveDone();
  };
  res.on('close', finish);

  const end = () => {
    // A stalled connection is dead air: not even the timeout's clean end gets through.
    if (closed || stalled) return;
    finish();
    res.end();
  };
  /**
   * Closes the TCP connection without ending the chunked body: the client sees the stream cut.
   * Bytes already written are flushed first (end, not destroy), so everything recorded as served
   * really reached the client; a reader that stopped reading is destroyed after a second.
   */
  const cut = (halfLine: string | undefined) => {
    if (closed) return;
    finish();
    if (halfLine !== undefined) res.write(halfLine.slice(0, Math.max(1, Math.floor(halfLine.length / 2))));
    const socket = res.socket;
    if (socket === null) return;
    setImmediate(() => {
      socket.end();
      setTimeout(() => socket.destroy(), 1_000).unref();
    });
  };

  const writeLine = (line: string): boolean => {
    if (closed || stalled) return false;
    res.write(line);
    if (res.writableLength > options.maxBufferedBytes) {
      cut(undefined);
      return false;
    }
    return true;
  };

  const writeEvent = (event: SelectableEvent) => {
    if (closed || stalled) return;
    if (faults.garbleNext > 0) {
      faults.garbleNext--;
      writeLine(`{"type":"MODIFIED","object":{"kind":"${kind}",garbage\n`);
    }
    if (dropAfter !== undefined && events >= dropAfter) {
      cut(undefined);
      return;
    }
    const line = selectedLine(event, request.fieldSelector, kind);
    if (line === undefined) return;
    if (writeLine(line)) {
      events++;
      options.onServed?.(event.uid, event.resourceVersion);
    }
  };

  const bookmark = () => {
    writeLine(
      `{"type":"BOOKMARK","object":{"kind":"${kind}","apiVersion":"v1","metadata":{"resourceVersion":"${store.resourceVersion()}","creationTimestamp":null},${source.emptyObjectFields}}}\n`,
    );
  };

  const rv = request.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') {
    // An RV-less watch starts with the whole state as synthetic ADDED events.
    for (const item of store.snapshot(request.namespace).items) {
      writeEvent({
        type: 'ADDED',
        line: `{"type":"ADDED","object":{"kind":"${kind}","apiVersion":"v1",${item.json.slice(1)}}\n`,
        uid: item.uid,
        resourceVersion: item.resourceVersion,
        ...(item.fields === undefined ? {} : { fields: item.fields }),
      });
    }
  } else {
    const from = Number(rv);
    const replay = store.eventsAfter(from, request.namespace);
    if (replay === 'expired') {
      const status = tooOldResourceVersion(from, store.oldestWatchableResourceVersion());
      writeLine(`${JSON.stringify({ type: 'ERROR', object: status })}\n`);
      end();
      return { drop: () => {}, stall: () => {}, done };
    }
    for (const event of replay) writeEvent(event);
  }
  if (!closed) {
    unsubscribe = store.subscribe((event) => {
      if (request.namespace === undefined || event.namespace === request.namespace) writeEvent(event);
    });
    const timeoutMs = (request.timeoutSeconds ?? options.defaultTimeoutSeconds) * 1000;
    timeoutTimer = setTimeout(() => {
      if (request.allowWatchBookmarks) bookmark();
      end();
    }, timeoutMs);
    if (request.allowWatchBookmarks) {
      const tick = () => {
        bookmark();
        bookmarkTimer = setTimeout(tick, options.bookmarkIntervalMs);
      };
      bookmarkTimer = setTimeout(tick, options.bookmarkIntervalMs);
    }
  }
  return {
    drop: (halfLine) =>
      cut(
        halfLine
          ? `{"type":"MODIFIED","object":{"kind":"${kind}","apiVersion":"v1","metadata":{}}}\n`
          : undefined,
      ),
    stall: () => {
      stalled = true;
    },
    done,
  };
}

type SelectableEvent = Pick<StoredEvent, 'type' | 'line' | 'uid' | 'resourceVersion' | 'fields' | 'previous'>;

/** The line a watcher with this field selector receives for `event`, if any (cacheWatcher rules). */
function selectedLine(
  event: SelectableEvent,
  requirements: readonly FieldRequirement[],
  kind: string,
): string | undefined {
  if (requirements.length === 0) return event.line;
  const matches = event.fields !== undefined && matchesFieldSelector(requirements, event.fields);
  const previous = event.type === 'MODIFIED' ? event.previous : undefined;
  if (previous === undefined) return matches ? event.line : undefined;
  const matched = matchesFieldSelector(requirements, previous.fields);
  if (matches)
    return matched ? event.line : `{"type":"ADDED"${event.line.slice('{"type":"MODIFIED"'.length)}`;
  if (!matched) return undefined;
  const object = JSON.parse(previous.json) as { metadata: { resourceVersion?: string } };
  object.metadata.resourceVersion = String(event.resourceVersion);
  return `{"type":"DELETED","object":{"kind":"${kind}","apiVersion":"v1",${JSON.stringify(object).slice(1)}}\n`;
}
