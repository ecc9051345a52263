import { HttpError } from '../../http/responses.js';
import type { Page, PageRequest, StoreCursor } from '../../store/port.js';
import type { RouteContext } from '../route.js';

/**
 * Reads every page of a store query, handing each page's items to `consume` so that reports stream
 * rather than buffer. Bounded: a report that would read more than `maxItems` items is refused with a
 * message telling the caller how to narrow it, because an exact answer is the contract and a
 * Lambda invocation cannot read without limit.
 */
export async function readAllPages<T>(
  context: RouteContext,
  read: (page: PageRequest) => Promise<Page<T>>,
  consume: (items: readonly T[]) => void,
  limits: { pageSize: number; maxItems: number; what: string },
): Promise<number> {
  let cursor: StoreCursor | undefined;
  let seen = 0;
  for (let pages = 0; ; pages++) {
    const page = context.count(
      await read({ limit: limits.pageSize, ...(cursor === undefined ? {} : { cursor }) }),
    );
    seen += page.items.length;
    if (seen > limits.maxItems) {
      throw new HttpError(
        'too_many_results',
        `more than ${limits.maxItems} ${limits.what} in this window: narrow it with since/until or cluster`,
      );
    }
    consume(page.items);
    if (page.next === undefined) return seen;
    cursor = page.next;
    // A store that returns pages without progress would loop forever; the item bound above cannot
    // catch empty pages, this can (a page is at least one request).
    if (pages > limits.maxItems) {
      throw new HttpError('internal', `store returned more than ${limits.maxItems} pages`);
    }
  }
}
