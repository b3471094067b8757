/** The realism rules catch the junk the issue reported (so a 0 in the realism test means something). */
import { describe, expect, it } from 'vitest';
import { FIELD_RULES, type FieldContext } from './realism/field-rules.ts';
import { RECORD_RULES } from './realism/record-rules.ts';

const NOW = new Date('2025-06-01T12:00:00Z');

function fieldVerdicts(
  key: string,
  value: unknown,
  domain: FieldContext['domain'] = 'other',
  schema: Record<string, unknown> = {},
  where: Pick<FieldContext, 'parent' | 'siblings'> = { parent: '', siblings: {} },
) {
  const field: FieldContext = { key, n: key.toLowerCase().replace(/[^a-z0-9]/g, ''), value, schema, domain, ...where };
  return FIELD_RULES.map((rule) => [rule.id, rule.check(field)] as const).filter(([, verdict]) => typeof verdict === 'string');
}
function recordViolations(record: Record<string, unknown>): string[] {
  return RECORD_RULES.flatMap((rule) => rule.check(record, NOW).violations);
}

describe('realism rules', () => {
  it.each([
    ['currency', 'HER'],
    ['currency', 'OXA'],
    ['isinCode', 'BRPETRACNPR5'],
    ['authorizedInstitutionName', 'K4-^4P'],
    ['districtName', ']Ss'],
    ['debtorName', '19.81'],
    ['numberOfInstalments', '12.5'],
    ['cpfNumber', '12345678900'],
    ['countryCode', 'XX'],
    ['annualRate', '14.2'],
    ['ticker', 'Ombro duro'],
    ['clearingCode', 'Rodoviária'],
  ])('flags %s = %s', (key, value) => {
    expect(fieldVerdicts(key, value)).not.toEqual([]);
  });

  it.each([
    ['currency', 'BRL'],
    ['isinCode', 'BRPETRACNPR6'],
    ['cusip', '037833100'],
    ['authorizedInstitutionName', 'Banco do Brasil S.A.'],
    ['districtName', 'Jardim Paulista'],
    ['numberOfInstalments', '12'],
    ['cpfNumber', '52998224725'],
    ['countryCode', 'BRA'],
    ['annualRate', '0.142'],
    ['ticker', 'PETR4'],
    ['ticker', 'HGLG11'],
    ['clearingCode', 'CDB421GPXXX'],
  ])('accepts %s = %s', (key, value) => {
    expect(fieldVerdicts(key, value)).toEqual([]);
  });

  it('flags an ANBIMA category the spec does not enumerate, or that ANBIMA does not have', () => {
    const enumerated = { enum: ['RENDA_FIXA', 'ACOES', 'MULTIMERCADO', 'CAMBIAL'] };
    expect(fieldVerdicts('anbimaCategory', 'MULTIMERCADO', 'other', enumerated)).toEqual([]);
    expect(fieldVerdicts('anbimaCategory', 'PREVIDENCIA', 'other', enumerated)).toEqual([['anbima-category', expect.any(String)]]);
    expect(fieldVerdicts('anbimaClass', 'Ações')).toEqual([]);
    expect(fieldVerdicts('anbima_category', 'Renda fixa')).toEqual([]);
    expect(fieldVerdicts('anbimaCategory', 'Fundo Bom')).toEqual([['anbima-category', 'Fundo Bom is not an ANBIMA class']]);
  });

  it.each([
    ['proxy', '52998224725'],
    ['proxy', '11222333000181'],
    ['proxy', 'maria.silva@example.com.br'],
    ['proxy', '+5511987654321'],
    ['pixKey', '123e4567-e89b-42d3-a456-426614174000'],
  ])('accepts the PIX key %s = %s', (key, value) => {
    expect(fieldVerdicts(key, value)).toEqual([]);
  });

  it.each([
    ['proxy', '12345678900'],
    ['proxy', 'Texto livre'],
    ['dictKey', '11987654321'],
    ['pixKey', '+1 555 0100'],
  ])('flags the PIX key %s = %s', (key, value) => {
    expect(fieldVerdicts(key, value)).toEqual([['pix-key', expect.any(String)]]);
  });

  it('flags a PIX key of another type than the one declared beside it', () => {
    const pix = (key: string, type: string) => ({ parent: 'pix', siblings: { key, key_type: type } });
    expect(fieldVerdicts('key', 'maria@example.com', 'other', {}, pix('maria@example.com', 'EMAIL'))).toEqual([]);
    expect(fieldVerdicts('key', '52998224725', 'other', {}, pix('52998224725', 'TAXPAYER_ID'))).toEqual([]);
    expect(fieldVerdicts('key', 'maria@example.com', 'other', {}, pix('maria@example.com', 'PHONE_NUMBER'))).toEqual([
      ['pix-key', 'PIX key maria@example.com is a EMAIL key, but its type says PHONE_NUMBER'],
    ]);
    // A `key` outside a pix object is no PIX key.
    expect(fieldVerdicts('key', 'abc')).toEqual([]);
  });

  it('flags a car loan sold by an insurance API, not by a credit API', () => {
    expect(fieldVerdicts('productName', 'Financiamento de Veículos', 'insurance')).not.toEqual([]);
    expect(fieldVerdicts('productName', 'Financiamento de Veículos', 'credit')).toEqual([]);
  });

  it('flags a loan or a policy sold by an investments API', () => {
    expect(fieldVerdicts('productName', 'Financiamento de Veículos', 'investments')).not.toEqual([]);
    expect(fieldVerdicts('productName', 'Seguro Auto', 'investments')).not.toEqual([]);
    expect(fieldVerdicts('productName', 'Tesouro IPCA+ 2035', 'investments')).toEqual([]);
  });

  it('flags Campinas with Curitiba’s IBGE code in CE, and a CEP of another state', () => {
    expect(recordViolations({ townName: 'Campinas', ibgeCode: '4106902', countrySubDivision: 'CE' })).not.toEqual([]);
    expect(recordViolations({ townName: 'Campinas', ibgeCode: '3509502', countrySubDivision: 'SP', postCode: '13010001' })).toEqual([]);
    expect(recordViolations({ townName: 'Campinas', ibgeCode: '3509502', countrySubDivision: 'SP', postCode: '80010000' })).not.toEqual([]);
  });

  it('flags dates out of order and a divorced customer born this year', () => {
    expect(recordViolations({ issueDate: '2025-05-01', dueDate: '2025-04-01' })).not.toEqual([]);
    expect(recordViolations({ contractDate: '2025-05-01', settlementDate: '2025-04-01' })).not.toEqual([]);
    expect(recordViolations({ birthDate: '2025-01-10', maritalStatusCode: 'DIVORCIADO' })).not.toEqual([]);
    expect(
      recordViolations({ birthDate: '1980-01-10', maritalStatusCode: 'DIVORCIADO', issueDate: '2025-01-01', dueDate: '2025-02-01' }),
    ).toEqual([]);
  });

  it('flags amounts that do not relate', () => {
    expect(recordViolations({ paidAmount: '5000.00', contractAmount: '1000.00' })).not.toEqual([]);
    expect(recordViolations({ instalmentAmount: '100.00', totalNumberOfInstalments: 12, totalAmount: '10000.00' })).not.toEqual([]);
    expect(recordViolations({ instalmentAmount: '100.00', totalNumberOfInstalments: 12, totalAmount: '1100.00' })).toEqual([]);
  });
});
