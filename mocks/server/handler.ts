/**
 * What a family's mock handler is (families/<id>/mock.ts, registered in
 * families/mock-handlers.ts), and the small pieces the handlers share.
 */
import type { DataAnswer } from '../../data/api.ts';
import type { MockExchange } from './mock-exchange.ts';
import type { MountedApi, MountedOperation } from './mount.ts';
import type { PageWindow } from '../../data/paging.ts';
import { RenderedJson } from './success-body.ts';

export interface MockHandler {
  /**
   * Runs before anything can answer (faults, `Prefer`), to set what every
   * answer of the family carries; returns a note for `handle`.
   */
  prepare?(ex: MockExchange): string | undefined;
  /** Answers the request; `body` is the raw request body, if any was sent. */
  handle(ex: MockExchange, mounted: MountedOperation, body: Buffer | undefined, preparation: string | undefined): void | Promise<void>;
  /**
   * A request under this family's API that no operation of the spec matches: answers it and
   * returns true when the family's standard defines that path (an API root, say); false leaves
   * the usual 404.
   */
  unrouted?(ex: MockExchange, api: MountedApi): boolean;
}

/** The value of the data member for one page of a `page` answer: its JSON text where the list keeps its items' texts. */
export function answerData(answer: Extract<DataAnswer, { kind: 'page' }>, window: PageWindow): unknown {
  const offset = Math.min(window.offset, window.total);
  return answer.renderJson ? new RenderedJson(answer.renderJson(offset, window.count)) : answer.render(offset, window.count);
}

/** A page after the last one (page 1 of an empty list is fine). */
export function pagingProblem(window: PageWindow): string | undefined {
  const lastPage = Math.max(window.totalPages, 1);
  if (window.page <= lastPage) return undefined;
  return `page ${window.page} is beyond the last page, ${lastPage} (${window.total} records, ${window.pageSize} per page)`;
}

/**
 * The status to reject a request with: the first of `preferred` the operation documents (exactly or as a range such as
 * `4XX`), else the first of them. A paging value off its bounds is a 422 in the Open Finance standard, but an API that
 * documents only 400 for bad parameters answers 400, so that the answer stays documented.
 */
export function documentedStatus(mounted: MountedOperation, preferred: readonly number[]): number {
  const statuses = mounted.operation.responses.map((r) => r.status.toUpperCase());
  const found = preferred.find((code) => statuses.includes(String(code)) || statuses.includes(`${String(code)[0]}XX`));
  return found ?? preferred[0]!;
}
