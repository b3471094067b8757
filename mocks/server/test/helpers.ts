/** Shared by the mock's tests: requests over loopback and checks against the spec. */
import { jsonMedia, responseFor } from '../../../specs/lookup.ts';
import type { LoadedSpec, Operation } from '../../../specs/types.ts';

export const INTERACTION_ID = 'd78fc4e5-37ca-4da3-adf2-9b082bf92280';
export const FAPI_HEADERS = { authorization: 'Bearer any-token', 'x-fapi-interaction-id': INTERACTION_ID };
export const BASIC = `Basic ${Buffer.from('secret-id:secret-password').toString('base64')}`;

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  body: any;
}

export async function call(url: string, init: RequestInit = {}): Promise<Answer> {
  const response = await fetch(url, init);
  const text = await response.text();
  let body: unknown;
  try {
    body = text === '' ? undefined : JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/**
 * What is wrong with an answer, judged by the spec: a documented status must
 * come with a body valid against that status's schema and with the headers
 * the spec declares as required. Returns readable problems ([] = conforms).
 */
export function specProblems(spec: LoadedSpec, operation: Operation, answer: Answer): string[] {
  const response = responseFor(operation, answer.status);
  if (!response) return [`status ${answer.status} is not documented for ${operation.id}`];
  const problems: string[] = [];
  for (const header of response.headers) {
    if (header.required && !answer.headers.has(header.name)) problems.push(`required header ${header.name} is missing`);
    const value = answer.headers.get(header.name);
    if (value !== null && header.schema !== undefined && !spec.validator.isValid(header.schema, value))
      problems.push(`header ${header.name}: ${value} breaks its schema`);
  }
  const media = jsonMedia(response.content);
  if (media?.schema !== undefined) {
    if (!/^application\/json/.test(answer.headers.get('content-type') ?? ''))
      problems.push(`content-type ${answer.headers.get('content-type')}`);
    for (const v of spec.validator.validate(media.schema, answer.body))
      problems.push(`${answer.status} body ${v.path}: ${v.rule} (${JSON.stringify(v.value)?.slice(0, 80)})`);
  }
  return problems;
}

export function operationOf(spec: LoadedSpec, id: string): Operation {
  const found = spec.operations.find((op) => op.id === id);
  if (!found) throw new Error(`${spec.id} has no operation ${id}`);
  return found;
}
