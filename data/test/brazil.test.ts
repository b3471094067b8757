/**
 * Brazilian identifiers and amounts in generated bodies, checked by
 * independent code: CPF/CNPJ by cpf-cnpj-validator, banks against the
 * bancos-brasileiros list, account check digits and PIX keys by
 * @brazilian-utils, money strings against their own field's pattern.
 */
import { getPixKeyInfo, isValidBankAccount } from '@brazilian-utils/brazilian-utils';
import bankList from 'bancos-brasileiros' with { type: 'json' };
import { cnpj, cpf } from 'cpf-cnpj-validator';
import { beforeAll, describe, expect, it } from 'vitest';
import { compilePattern } from '../../specs/pattern-health.ts';
import { isValidSusepProcessNumber } from '../brazil/registry.ts';
import { identifier } from '../identifiers.ts';
import { allBodies, leaves, type GeneratedBody, type Leaf } from './helpers.ts';

const BANKS = bankList as unknown as Array<{ COMPE: string; ISPB: string; LongName: string; Document: string }>;
const DOCUMENT_KEY = /cpf|cnpj|taxpayer_id|^document$|documentNumber|^identification$|loggedUserDocument|businessEntityDocument/i;

let bodies: GeneratedBody[];
const all: Leaf[] = [];

beforeAll(async () => {
  bodies = await allBodies(40);
  for (const generated of bodies) leaves(generated.body, generated.schema, (leaf) => all.push(leaf));
}, 120_000);

describe('documents', () => {
  it('every CPF and CNPJ passes an independent check-digit validator and matches its declared type', () => {
    const documents = all.filter((leaf) => typeof leaf.value === 'string' && DOCUMENT_KEY.test(leaf.key) && !/type|rel/i.test(leaf.key));
    expect(documents.length).toBeGreaterThan(200);
    for (const { key, value, parent } of documents) {
      const kind = parent.documentType ?? parent.partiePersonType ?? parent.personType;
      if (kind === 'PASSAPORTE' || kind === 'OUTROS') continue;
      const text = value as string;
      const valid = text.length === 11 ? cpf.isValid(text) : text.length === 14 ? cnpj.isValid(text) : false;
      expect(valid, `${key}=${text}`).toBe(true);
      if (kind === 'CPF' || kind === 'PESSOA_NATURAL') expect(text, key).toHaveLength(11);
      if (kind === 'CNPJ' || kind === 'PESSOA_JURIDICA') expect(text, key).toHaveLength(14);
    }
  });

  it('aferir data cpf/cnpj identifiers are valid, including the alphanumeric CNPJ', () => {
    for (let i = 0; i < 300; i++) {
      expect(cpf.isValid(identifier('cpf', i, { seed: 'x' }))).toBe(true);
      expect(cnpj.isValid(identifier('cnpj', i, { seed: 'x' }))).toBe(true);
      const alphanumeric = identifier('cnpj', i, { seed: 'x', alphanumeric: true });
      expect(alphanumeric).toMatch(/^[0-9A-Z]{12}\d{2}$/);
      expect(cnpj.isValid(alphanumeric), alphanumeric).toBe(true);
    }
  });
});

describe('banks', () => {
  it('every COMPE code in a body is a real bank, and brand/CNPJ pairs belong to the same institution', () => {
    const codes = all.filter((leaf) => /compeCode$|^bank_code$/i.test(leaf.key) && typeof leaf.value === 'string');
    expect(codes.length).toBeGreaterThan(100);
    for (const { value } of codes)
      expect(
        BANKS.some((b) => b.COMPE === value),
        String(value),
      ).toBe(true);
    const pairs = all.filter((leaf) => leaf.key === 'companyCnpj' && typeof leaf.parent.brandName === 'string');
    expect(pairs.length).toBeGreaterThan(20);
    for (const { value } of pairs)
      expect(
        BANKS.some((b) => b.Document.replace(/\D/g, '') === value),
        String(value),
      ).toBe(true);
  });

  it('bank account numbers carry the check digit their bank computes', () => {
    let checked = 0;
    for (const { parent } of all.filter(
      (leaf) => leaf.key === 'checkDigit' || leaf.key === 'partieCheckDigit' || leaf.key === 'bank_account_digit',
    )) {
      const prefix = 'partieCheckDigit' in parent && parent.partieCompeCode ? 'partie' : '';
      const compe = (prefix ? parent.partieCompeCode : (parent.compeCode ?? parent.bank_code)) as string | undefined;
      const branch = (prefix ? parent.partieBranchCode : (parent.branchCode ?? parent.bank_branch)) as string | undefined;
      const account = (prefix ? parent.partieNumber : (parent.number ?? parent.bank_account)) as string | undefined;
      const digit = (prefix ? parent.partieCheckDigit : (parent.checkDigit ?? parent.bank_account_digit)) as string | undefined;
      if (!compe || !branch || !account || !digit) continue;
      const native = account.replace(/^0+(?=\d)/, '');
      const candidates = [native, account, ...Array.from({ length: 6 }, (_, k) => native.padStart(native.length + k, '0'))];
      const accepts = candidates.some((number) => isValidBankAccount({ bankCode: compe, agency: branch, account: number, digit }));
      // Banks the library has a rule for: some check characters pass and others do not (unknown banks pass none).
      const passing = [...'0123456789X'].filter((d) =>
        candidates.some((number) => isValidBankAccount({ bankCode: compe, agency: branch, account: number, digit: d })),
      ).length;
      if (passing > 0 && passing < 11) {
        expect(accepts, `${compe} ${branch} ${account}-${digit}`).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it('aferir data bank lines are COMPE + ISPB + name triples of the bank list', () => {
    for (let i = 0; i < 600; i++) {
      const line = identifier('bank', i, { seed: 's' });
      const [, compe, ispb, name] = /^(\d{3}) (\d{8}) (.+)$/.exec(line) ?? [];
      expect(
        BANKS.some((b) => b.COMPE === compe && b.ISPB === ispb && b.LongName === name),
        line,
      ).toBe(true);
    }
  });
});

describe('amounts, keys and registries', () => {
  it('every money string matches its own field pattern and has the decimals it demands', () => {
    const money = all.filter(
      (leaf) =>
        typeof leaf.value === 'string' && typeof leaf.schema.pattern === 'string' && /\\d\{1,1[56]\}\\\.\\d/.test(leaf.schema.pattern),
    );
    expect(money.length).toBeGreaterThan(500);
    for (const { key, value, schema } of money)
      // every pattern is a string: filtered above
      expect(compilePattern(schema.pattern!).test(value as string), `${key}=${value} ${schema.pattern}`).toBe(true);
  });

  it('rates are fractions a banker would expect', () => {
    const rates = all.filter((leaf) => /^(CET|preFixedRate|chargeRate|feeRate)$/.test(leaf.key) && typeof leaf.value === 'string');
    expect(rates.length).toBeGreaterThan(40);
    for (const { key, value } of rates) {
      const rate = Number(value);
      expect(rate, key).toBeGreaterThanOrEqual(0);
      expect(rate, key).toBeLessThan(key === 'CET' ? 3 : 1);
    }
  });

  it('PIX keys of every type are valid keys of that type', () => {
    const types: Record<string, string> = { CPF: 'cpf', CNPJ: 'cnpj', EMAIL: 'email', PHONE: 'phone', EVP: 'evp' };
    for (let i = 0; i < 100; i++) {
      const [type = '', key = ''] = identifier('pix', i, { seed: 'p' }).split(' ');
      expect(getPixKeyInfo(key)?.type, `${type} ${key}`).toBe(types[type]);
    }
  });

  it('SUSEP process numbers carry valid check digits', () => {
    const numbers = all.filter((leaf) => leaf.key === 'susepProcessNumber');
    expect(numbers.length).toBeGreaterThan(20);
    for (const { value } of numbers) expect(isValidSusepProcessNumber(value as string), String(value)).toBe(true);
  });
});
