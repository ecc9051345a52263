/**
 * Total accessors for untrusted JSON (Kubernetes objects as served, or as a user saved them).
 * Mirrors Go's zero-value semantics: a missing or mistyped field reads as "", 0, false, [] or
 * undefined, never as an exception. The domain code reads pods only through these.
 */

import { parseMetaTime } from './human-duration.js';

export type JsonObject = { readonly [key: string]: unknown };

const EMPTY_OBJECT: JsonObject = Object.freeze({});
const EMPTY_ARRAY: readonly unknown[] = Object.freeze([]);

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The object at `key`, or an empty object (Go: a zero-valued struct). */
export function obj(parent: unknown, key: string): JsonObject {
  const value = isObject(parent) ? parent[key] : undefined;
  return isObject(value) ? value : EMPTY_OBJECT;
}

/** The object at `key` when present and non-null (Go: a non-nil pointer), else undefined. */
export function optObj(parent: unknown, key: string): JsonObject | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  return isObject(value) ? value : undefined;
}

export function arr(parent: unknown, key: string): readonly unknown[] {
  const value = isObject(parent) ? parent[key] : undefined;
  return Array.isArray(value) ? value : EMPTY_ARRAY;
}

export function str(parent: unknown, key: string): string {
  const value = isObject(parent) ? parent[key] : undefined;
  return typeof value === 'string' ? value : '';
}

/** Integers as Go would decode them into int32/int64 fields; anything else is 0. */
export function int(parent: unknown, key: string): number {
  const value = isObject(parent) ? parent[key] : undefined;
  return typeof value === 'number' && Number.isFinite(value) ? Math.trunc(value) : 0;
}

export function bool(parent: unknown, key: string): boolean {
  const value = isObject(parent) ? parent[key] : undefined;
  return value === true;
}

/** True when the key holds any non-null value (Go: a non-nil pointer such as deletionTimestamp). */
export function present(parent: unknown, key: string): boolean {
  const value = isObject(parent) ? parent[key] : undefined;
  return value !== undefined && value !== null;
}

/**
 * Milliseconds since the epoch of an RFC 3339 timestamp, or undefined for the zero time: missing,
 * null, unparsable as Go's metav1.Time would parse it, or Go's zero value (metav1.Time.IsZero).
 * Same parser as the STATUS engine, so AGE and the recorded times can never disagree.
 */
export function time(parent: unknown, key: string): number | undefined {
  const value = isObject(parent) ? parent[key] : undefined;
  return parseMetaTime(value);
}
