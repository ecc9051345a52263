import type { JsonObject } from '../../domain/json-access.js';
import type { PodIdentity } from '../../domain/observation.js';
import type { Keyed } from '../../domain/observation-set.js';
import type { VanishRef } from '../../domain/sync-reconciliation.js';
import type { HeadState } from '../items/pod-items.js';
import type { PodKey } from '../schema/keys.js';
import type { Item } from '../table/table-client.js';

/**
 * The vocabulary of planning one change to one pod (plan-tail.ts, plan-full.ts): what the writer
 * brings (a mutation, what it read) and what the plan decides (the writes, in the order
 * write/pod-commit.ts performs them).
 */

/** What one delivery did to one observation: added it, replaced it by an earlier delivery, nothing. */
export type Outcome = 'new' | 'earlier' | 'same';

export type Mutation =
  | {
      readonly kind: 'observe';
      readonly items: readonly Keyed[];
      /** The pod identity each observation came with, by order key. */
      readonly identities: ReadonlyMap<string, PodIdentity>;
      /** The describe parts the observations name, by hash (absent: none came with them). */
      readonly parts?: DescribePayloads;
    }
  | { readonly kind: 'vanish'; readonly ref: VanishRef };

/** Describe card and extras bodies (domain/pod-card.ts), each by its content hash. */
export interface DescribePayloads {
  readonly card: ReadonlyMap<string, JsonObject>;
  readonly extras: ReadonlyMap<string, JsonObject>;
}

/** A cluster's settings every derived item depends on. */
export interface ClusterContext {
  readonly cluster: string;
  readonly retentionDays: number;
}

export interface PlanContext extends ClusterContext {
  readonly pod: PodKey;
  /** Version of the head read (0: none). */
  readonly version: number;
}

export interface PodPlan {
  readonly outcomes: readonly Outcome[];
  readonly changed: boolean;
  /**
   * Describe parts (content-addressed), written before the commit, each only over nothing or an
   * item expiring earlier: an orphan of a crashed writer holds the same bytes the retry writes.
   */
  readonly parts: readonly Item[];
  /** Tail mode: closed pages of committed observations, written before the commit (pv = read version). */
  readonly pagesBefore: readonly Item[];
  readonly head: HeadState;
  /** Full mode: rewritten pages, written after the first commit (pv = its version). */
  readonly pagesAfter: readonly Item[];
  readonly derived: readonly Item[];
  /** The head still holds closable pages (they held new observations): run again to close them. */
  readonly settle: boolean;
}
