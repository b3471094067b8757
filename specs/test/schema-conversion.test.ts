import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../load.ts';
import { responseSchemaFor } from '../lookup.ts';
import type { LoadedSpec } from '../types.ts';
import { minimalSpec, tempSpecDir } from './helpers.ts';

async function specWith(schema: object, openapi = '3.0.3'): Promise<LoadedSpec> {
  const dir = tempSpecDir({ 'api.yaml': { ...minimalSpec(schema), openapi } });
  return loadSpec(path.join(dir, 'api.yaml'));
}

async function rules(schema: object, value: unknown, openapi?: string): Promise<string[]> {
  const spec = await specWith(schema, openapi);
  return spec.validator.validate(responseSchemaFor(spec, spec.operations[0]!, '200'), value).map((v) => `${v.path} ${v.rule}`);
}

describe('OpenAPI 3.0 schemas are validated as their authors meant', () => {
  it('nullable accepts null, and only with it', async () => {
    expect(await rules({ type: 'string', nullable: true }, null)).toEqual([]);
    expect(await rules({ type: 'string' }, null)).toEqual(['$ type string']);
    expect(await rules({ type: 'string', enum: ['A'], nullable: true }, null)).toEqual([]);
  });

  it('boolean exclusiveMinimum/exclusiveMaximum', async () => {
    expect(await rules({ type: 'number', minimum: 0, exclusiveMinimum: true }, 0)).toEqual(['$ exclusiveMinimum 0']);
    expect(await rules({ type: 'number', minimum: 0, exclusiveMinimum: false }, 0)).toEqual([]);
    expect(await rules({ type: 'number', maximum: 10, exclusiveMaximum: true }, 9.99)).toEqual([]);
  });

  it('OpenAPI formats: url, double, int32, date-time, date, uuid', async () => {
    expect(await rules({ type: 'string', format: 'url' }, 'not a url')).toEqual(['$ format url']);
    expect(await rules({ type: 'string', format: 'url' }, 'https://api.banco.com.br/open-banking/accounts/v2/accounts')).toEqual([]);
    expect(await rules({ type: 'integer', format: 'int32' }, 2 ** 31)).toEqual(['$ format int32']);
    expect(await rules({ type: 'number', format: 'double' }, 1.5)).toEqual([]);
    expect(await rules({ type: 'string', format: 'date-time' }, '2021-05-21T08:30:00Z')).toEqual([]);
    expect(await rules({ type: 'string', format: 'date-time' }, '2021-05-21 08:30')).toEqual(['$ format date-time']);
    expect(await rules({ type: 'string', format: 'date' }, '2021-5-1')).toEqual(['$ format date']);
    expect(await rules({ type: 'string', format: 'uuid' }, 'abc')).toEqual(['$ format uuid']);
  });

  it('annotations (example, xml, x-*) do not get in the way', async () => {
    expect(
      await rules(
        { type: 'object', example: { a: 1 }, xml: { name: 'x' }, 'x-note': 1, properties: { a: { type: 'integer', example: 'nope' } } },
        { a: 2 },
      ),
    ).toEqual([]);
  });

  it('a pattern on a number is checked against its decimal text', async () => {
    expect(await rules({ type: 'number', pattern: '^\\d{1,3}\\.\\d{1,9}$' }, 12.5)).toEqual([]);
    expect(await rules({ type: 'number', pattern: '^\\d{1,3}\\.\\d{1,9}$' }, 10)).toEqual([
      '$ pattern ^\\d{1,3}\\.\\d{1,9}$ (on the number as text)',
    ]);
  });

  it('maxLength on an integer counts its digits', async () => {
    expect(await rules({ type: 'integer', maxLength: 3 }, 999)).toEqual([]);
    expect(await rules({ type: 'integer', maxLength: 3 }, 1000)).toEqual(['$ maxLength 3 (on the number as text)']);
  });

  it('a pattern that can never match is relaxed; an invalid one is dropped', async () => {
    expect(await rules({ type: 'string', pattern: '^\\d{4}Z$ ' }, '2021Z')).toEqual([]);
    expect(await rules({ type: 'string', pattern: '^[a-' }, 'anything')).toEqual([]);
  });

  it('patterns written for non-Unicode regexes still compile', async () => {
    expect(await rules({ type: 'string', pattern: '^[\\w\\-]+\\-x$' }, 'ab-x')).toEqual([]);
    expect(await rules({ type: 'string', pattern: '^a\\-b$' }, 'ab')).toEqual(['$ pattern ^a\\-b$']);
  });

  it('an unknown format is ignored rather than fatal', async () => {
    expect(await rules({ type: 'string', format: 'cpf-ish' }, 'whatever')).toEqual([]);
  });

  it('OpenAPI 3.1 type arrays', async () => {
    expect(await rules({ type: ['string', 'null'] }, null, '3.1.0')).toEqual([]);
    expect(await rules({ type: ['string', 'null'] }, 1, '3.1.0')).toEqual(['$ type string,null']);
  });
});

describe('violations read like the spec', () => {
  const account = {
    type: 'object',
    required: ['data'],
    properties: {
      data: {
        type: 'array',
        items: {
          type: 'object',
          required: ['accountId', 'type'],
          additionalProperties: false,
          properties: {
            accountId: { type: 'string', pattern: '^[a-zA-Z0-9][a-zA-Z0-9\\-]{0,99}$' },
            type: { type: 'string', enum: ['CONTA_DEPOSITO_A_VISTA', 'CONTA_POUPANCA'] },
            amount: { type: 'string', pattern: '^\\d{1,15}\\.\\d{2,4}$', maxLength: 20 },
          },
        },
      },
    },
  };

  it('gives the JSON path, the rule and the value of each broken rule', async () => {
    const spec = await specWith(account);
    const violations = spec.validator.validate(responseSchemaFor(spec, spec.operations[0]!, '200'), {
      data: [{ accountId: '-bad', type: 'CONTA', amount: '10.5', extra: 1 }, { type: 'CONTA_POUPANCA' }],
    });
    expect(violations.map((v) => [v.path, v.rule, v.value])).toEqual(
      expect.arrayContaining([
        ['$.data[0].accountId', 'pattern ^[a-zA-Z0-9][a-zA-Z0-9\\-]{0,99}$', '-bad'],
        ['$.data[0].type', 'enum [CONTA_DEPOSITO_A_VISTA, CONTA_POUPANCA]', 'CONTA'],
        ['$.data[0].amount', 'pattern ^\\d{1,15}\\.\\d{2,4}$', '10.5'],
        ['$.data[0].extra', 'additionalProperties false', 1],
        ['$.data[1].accountId', 'required', undefined],
      ]),
    );
    expect(violations).toHaveLength(5);
  });

  it('reports the closest oneOf branch instead of every branch', async () => {
    const spec = await specWith({
      oneOf: [
        { type: 'object', required: ['cpf'], properties: { cpf: { type: 'string', pattern: '^\\d{11}$' } } },
        { type: 'object', required: ['cnpj', 'name'], properties: { cnpj: { type: 'string' }, name: { type: 'string' } } },
      ],
    });
    const violations = spec.validator.validate(responseSchemaFor(spec, spec.operations[0]!, '200'), { cpf: '123' });
    expect(violations.map((v) => `${v.path} ${v.rule}`)).toEqual(['$.cpf pattern ^\\d{11}$']);
  });
});

describe('the url format', () => {
  it('accepts absolute URLs on any host, loopback included, and nothing else', async () => {
    expect(await rules({ type: 'string', format: 'url' }, 'http://127.0.0.1:4010/open-banking/accounts/v2/accounts?page=2')).toEqual([]);
    expect(await rules({ type: 'string', format: 'url' }, 'https://10.0.0.5/x')).toEqual([]);
    expect(await rules({ type: 'string', format: 'url' }, '/open-banking/accounts/v2/accounts')).toEqual(['$ format url']);
    expect(await rules({ type: 'string', format: 'url' }, 'et deserunt')).toEqual(['$ format url']);
    expect(await rules({ type: 'string', format: 'url' }, 'https://api.banco.com.br/a b')).toEqual(['$ format url']);
  });
});
