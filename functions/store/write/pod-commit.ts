import { isLiveWrite, itemId } from '../items/index-items.js';
import { decodePage, encodeHead, type Head, type StoredPage } from '../items/pod-items.js';
import { podExpiry } from '../pod/plan-effects.js';
import type { PodPlan } from '../pod/plan-types.js';
import { ATTR } from '../schema/attributes.js';
import { createOrIfVersionIs, ifExpiresEarlier, ifNotNewerThan, ifVersionIs } from '../schema/conditions.js';
import { type PodKey, pageRange, podPk } from '../schema/keys.js';
import { assertItemsFit } from '../table/item-size.js';
import { type Item, queryAll, type TableClient } from '../table/table-client.js';
import type { WriteContext } from './write-context.js';

/**
 * The commit protocol: how one pod plan (pod/) reaches the table so that any crash between two
 * writes leaves a state the next writer, or the retry, repairs. In order:
 *
 *   1. describe parts (content-addressed: the same bytes from every writer, the latest expiry kept)
 *      and, in tail mode, closed pages, each only over an older page version (`pv`) — written
 *      *before* the head, and identical for every writer of the same head version, so an orphan
 *      is harmless and a retry after a crash writes them again;
 *   2. the head, compare-and-swap on its version — the commit point; it lists the derived items
 *      it promises (`pending`);
 *   3. the derived index items, each only over an older writer's version (`v`);
 *   4. full mode: rewritten pages (only over older page versions), then — only if every one
 *      landed — a second head write that clears the inbox.
 *
 * A writer that reads a head with `pending` items first verifies them (verifyPending): a crash
 * after step 2 cannot lose a derived write.
 *
 * Before step 1, every item of the plan is checked against DynamoDB's item limit
 * (ItemTooLargeError): a plan that cannot be stored writes nothing.
 */
export async function commitPlan(
  table: TableClient,
  ctx: WriteContext,
  head: Head | undefined,
  plan: PodPlan,
): Promise<Head | undefined> {
  const version = (head?.version ?? 0) + 1;
  const pending = plan.derived.map((item) => ({ ...item, [ATTR.version]: version }));
  const state = { ...plan.head, pending };
  const headItem = encodeHead(ctx.cluster, version, podExpiry(ctx, state.agg), state);
  assertItemsFit('describe card', plan.parts);
  assertItemsFit('observation page', [...plan.pagesBefore, ...plan.pagesAfter]);
  assertItemsFit('head (its newest observations)', [headItem]);
  assertItemsFit('index item', pending);
  // A newer closer may already have written a page: then our head is stale and the commit fails.
  await Promise.all([
    ...plan.parts.map((part) => table.put(part, ifExpiresEarlier(Number(part[ATTR.expires])))),
    ...plan.pagesBefore.map((page) =>
      table.put(page, ifNotNewerThan(ATTR.pageVersion, Number(page[ATTR.pageVersion]))),
    ),
  ]);
  const committed = await table.put(headItem, createOrIfVersionIs(head?.version));
  if (committed === 'condition-failed') return undefined;
  await writeDerived(table, pending, version);
  if (plan.pagesAfter.length > 0) {
    const results = await Promise.all(
      plan.pagesAfter.map((page) => table.put(page, ifNotNewerThan(ATTR.pageVersion, version))),
    );
    // Only a writer whose pages all landed may clear the inbox; otherwise a newer one will.
    if (results.every((r) => r === 'written')) {
      const settled = { ...state, inbox: [], pending: [] };
      const cleared = await table.put(
        encodeHead(ctx.cluster, version + 1, podExpiry(ctx, settled.agg), settled),
        ifVersionIs(version),
      );
      if (cleared === 'written') return { version: version + 1, state: settled };
    }
  }
  // What this writer knows: its derived writes are done, so the next one need not verify them.
  return { version, state: { ...state, pending: [] } };
}

/** Conditional puts that never overwrite a newer version of an item. */
export async function writeDerived(
  table: TableClient,
  items: readonly Item[],
  version: number,
): Promise<void> {
  await Promise.all(items.map((item) => table.put(item, ifNotNewerThan(ATTR.version, version))));
}

/**
 * The previous commit promised these writes; a crash may have lost some: redo what is missing.
 * Returns whether a live-pods item that makes the pod live was among the repairs.
 */
export async function verifyPending(table: TableClient, head: Head): Promise<boolean> {
  const pending = head.state.pending;
  if (pending.length === 0) return false;
  const found = await table.batchGet(
    pending.map((i) => ({ pk: String(i[ATTR.pk]), sk: String(i[ATTR.sk]) })),
    true,
  );
  const versions = new Map(found.map((i) => [itemId(i), Number(i[ATTR.version])]));
  const missing = pending.filter((i) => !((versions.get(itemId(i)) ?? -1) >= head.version));
  await writeDerived(table, missing, head.version);
  return missing.some(isLiveWrite);
}

/** Every page of one incarnation (full mode), strongly consistent. */
export async function loadPages(table: TableClient, cluster: string, pod: PodKey): Promise<StoredPage[]> {
  const items = await queryAll(table, {
    pk: podPk(cluster, pod),
    ...pageRange(pod.uid),
    forward: true,
    consistent: true,
  });
  return items.map(decodePage);
}
