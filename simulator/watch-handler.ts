import type { ServerResponse } from 'node:http';
import type { FaultState } from './faults.js';
import type { PodStore, StoredEvent } from './pod-store.js';
import { type StatusBody, statusBody, tooOldResourceVersion } from './status.js';

/**
 * NDJSON watch streams with the API server's semantics: resourceVersion unset or "0" starts with
 * synthetic ADDED events for every pod; an RV still in the history ring replays what came after it;
 * an older RV gets one ERROR 410 event, then the stream closes (the cacher's newErrWatcher). With
 * allowWatchBookmarks=true a BOOKMARK goes out every `bookmarkIntervalMs` and right before the
 * timeoutSeconds deadline, after which the stream ends cleanly. Slow readers are cut off once too
 * much is buffered, as the apiserver does with watchers that cannot keep up.
 */

export interface WatchRequest {
  readonly namespace: string | undefined;
  readonly resourceVersion: string | undefined;
  readonly allowWatchBookmarks: boolean;
  readonly timeoutSeconds: number | undefined;
  readonly sendInitialEvents: boolean;
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
  store: PodStore,
  faults: FaultState,
  options: WatchServerOptions,
): OpenWatch {
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

  const writeEvent = (event: Pick<StoredEvent, 'line' | 'uid' | 'resourceVersion'>) => {
    if (closed || stalled) return;
    if (faults.garbleNext > 0) {
      faults.garbleNext--;
      writeLine('{"type":"MODIFIED","object":{"kind":"Pod",garbage\n');
    }
    if (dropAfter !== undefined && events >= dropAfter) {
      cut(undefined);
      return;
    }
    if (writeLine(event.line)) {
      events++;
      options.onServed?.(event.uid, event.resourceVersion);
    }
  };

  const bookmark = () => {
    writeLine(
      `{"type":"BOOKMARK","object":{"kind":"Pod","apiVersion":"v1","metadata":{"resourceVersion":"${store.resourceVersion()}","creationTimestamp":null},"spec":{"containers":null},"status":{}}}\n`,
    );
  };

  const rv = request.resourceVersion;
  if (rv === undefined || rv === '' || rv === '0') {
    // An RV-less watch starts with the whole state as synthetic ADDED events.
    for (const item of store.snapshot(request.namespace).items) {
      writeEvent({
        line: `{"type":"ADDED","object":{"kind":"Pod","apiVersion":"v1",${item.json.slice(1)}}\n`,
        uid: item.uid,
        resourceVersion: item.resourceVersion,
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
          ? '{"type":"MODIFIED","object":{"kind":"Pod","apiVersion":"v1","metadata":{}}}\n'
          : undefined,
      ),
    stall: () => {
      stalled = true;
    },
    done,
  };
}
