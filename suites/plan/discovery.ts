/**
 * Values found in list responses, by property name, in the order they came:
 * the ids that feed path parameters and Opus body ids, and the list item each
 * came from (the consistency check compares it with the detail).
 */
import { collectProperty } from './schema-shape.ts';

export interface Discovered {
  value: unknown;
  /** The object that held the value in the list response. */
  item: Record<string, unknown>;
  /** operationId of the list it came from. */
  from: string;
}

export class Discovery {
  private readonly found = new Map<string, Discovered[]>();
  private readonly seen = new Map<string, Set<string>>();
  private readonly sent = new Map<string, Set<string>>();

  /**
   * Records every value of `name` in a list body, skipping values already known. `sent` is the request body: a value
   * the client itself sent and the target echoed (a POST's `contractId`, then the created resource's detail) proves
   * nothing exists, so it is never discovered, from this response or a later one.
   */
  harvest(name: string, body: unknown, from: string, sent?: unknown): void {
    const list = this.found.get(name) ?? [];
    const seen = this.seen.get(name) ?? new Set<string>();
    const echoed = this.sent.get(name) ?? new Set<string>();
    if (sent !== undefined) for (const found of collectProperty(sent, name)) echoed.add(JSON.stringify(found.value));
    this.sent.set(name, echoed);
    for (const { value, holder } of collectProperty(body, name)) {
      const key = JSON.stringify(value);
      if (seen.has(key) || echoed.has(key)) continue;
      seen.add(key);
      list.push({ value, item: holder, from });
    }
    this.found.set(name, list);
    this.seen.set(name, seen);
  }

  values(name: string): Discovered[] {
    return this.found.get(name) ?? [];
  }
}
