/**
 * The independent validator used by the data property test must be able to
 * fail: it names broken fields of a real spec's body, reads OpenAPI 3.0
 * semantics (nullable, boolean exclusiveMinimum, int32) through its own
 * converter, and each of its rules is needed by a catalogue spec and changes
 * only what it says.
 */
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../catalogue.ts';
import { loadSpec } from '../load.ts';
import { findOperation } from '../lookup.ts';
import { independentResponseValidator, independentValidator, RULES } from './independent-validator.ts';
import { objectAt } from './helpers.ts';

const accounts = await loadSpec('ofb-accounts-2.4.1');
const list = independentResponseValidator(accounts, findOperation(accounts, 'accountsGetAccounts'))!;
const item = {
  brandName: 'Banco Exemplo',
  companyCnpj: '60701190000104',
  type: 'CONTA_DEPOSITO_A_VISTA',
  compeCode: '341',
  branchCode: '0001',
  number: '10000000',
  checkDigit: '7',
  accountId: 'acc-0001',
};
const page = {
  data: [item],
  links: { self: 'https://api.bank.example/open-banking/accounts/v2/accounts' },
  meta: { totalRecords: 1, totalPages: 1, requestDateTime: '2024-05-07T12:00:00Z' },
};

describe('the independent validator', () => {
  it('accepts a valid account list', () => {
    expect(list.validate(page)).toEqual([]);
  });

  it('names every broken field of an account list, and nothing else', () => {
    const { companyCnpj: _missing, ...withoutCnpj } = item;
    const broken = {
      data: [{ ...withoutCnpj, compeCode: '0011' }],
      links: { self: 'et deserunt' },
      meta: { ...page.meta, requestDateTime: '2024-05-07T12:00:00.000Z' },
    };
    expect(list.validate(broken).sort()).toEqual([
      '#/data/0 required: Instance does not have required property "companyCnpj".',
      '#/data/0/compeCode maxLength: String is too long (4 > 3).',
      '#/data/0/compeCode pattern: String does not match pattern.',
      '#/links/self format: String does not match format "url".',
      '#/meta/requestDateTime maxLength: String is too long (24 > 20).',
    ]);
  });

  it('reads OpenAPI 3.0 semantics through its own converter: nullable, boolean exclusiveMinimum, int32, formats', () => {
    const validator = independentValidator({
      type: 'object',
      properties: {
        name: { type: 'string', nullable: true },
        rate: { type: 'number', minimum: 0, exclusiveMinimum: true },
        count: { type: 'integer', format: 'int32' },
        day: { type: 'string', format: 'date' },
      },
    });
    expect(validator.validate({ name: null, rate: 0.5, count: 2 ** 31 - 1, day: '2024-02-29' })).toEqual([]);
    expect(
      validator
        .validate({ name: 1, rate: 0, count: 2 ** 31, day: '2023-02-29' })
        .map((v) => v.split(':')[0])
        .sort(),
    ).toEqual(['#/count maximum', '#/day format', '#/name type', '#/rate minimum']);
  });
});

describe('the rules for real-world spec defects', () => {
  it('each is needed by at least one catalogue spec', async () => {
    const uses = new Map(RULES.map((rule) => [rule.name, 0]));
    for (const { id } of CATALOGUE) {
      const seen = new Set<unknown>();
      const walk = (node: unknown): void => {
        if (node === null || typeof node !== 'object' || seen.has(node)) return;
        seen.add(node);
        for (const rule of RULES) if (rule.applies(node as Record<string, unknown>)) uses.set(rule.name, uses.get(rule.name)! + 1);
        Object.values(node).forEach(walk);
      };
      walk((await loadSpec(id)).document);
    }
    expect([...uses].filter(([, count]) => count === 0)).toEqual([]);
  });

  it('pattern-never-matches drops only a pattern that cannot match, and only the pattern', async () => {
    const rule = RULES.find((r) => r.name === 'pattern-never-matches')!;
    expect(rule.applies({ type: 'string', pattern: '^\\d{4}Z$ ' })).toBe(true);
    expect(rule.applies({ type: 'string', pattern: '^\\d{4}Z$' })).toBe(false);
    expect(rule.applies({ type: 'string', pattern: '^price \\$ ' })).toBe(false);

    const opus = await loadSpec('opus-accounts-2.4.1');
    const stamp = objectAt(opus.document, '/components/schemas/ConsentDataSharing/properties/creationDateTime');
    expect(independentValidator(stamp, []).validate('2021-05-21T08:30:00Z')).toEqual(['# pattern: String does not match pattern.']);
    expect(independentValidator(stamp).validate('2021-05-21T08:30:00Z')).toEqual([]);
    expect(independentValidator(stamp).validate('2021-05-21T08:30:00.000Z')).toEqual(['# maxLength: String is too long (24 > 20).']);
  });
});
