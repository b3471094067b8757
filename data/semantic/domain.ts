/**
 * What an API is about, from its title, servers and paths, so that product
 * names belong to it: an insurance API sells policies, a credit API loans, an
 * investments API securities and funds.
 */
import type { LoadedSpec } from '../../specs/types.ts';
import type { Rng } from '../random.ts';

export type ApiDomain = 'insurance' | 'investments' | 'credit' | 'other';

export function apiDomain(spec: LoadedSpec): ApiDomain {
  const servers: unknown = spec.document.servers;
  const text = `${spec.title} ${JSON.stringify(servers ?? '')} ${spec.operations.map((o) => o.path).join(' ')}`;
  if (/insurance|seguro|pension|previd|capitaliza|opin/i.test(text)) return 'insurance';
  // Before credit: a credit fixed income (debentures, CRI, CRA) is an investment, not a loan.
  if (/invest|fixed.?income|variable.?income|treasur|tesouro|renda.?fixa|\/funds\b/i.test(text)) return 'investments';
  if (/loan|financing|credit|empr[eé]stimo|invoice|unarranged|overdraft/i.test(text)) return 'credit';
  return 'other';
}

/** Insurance products by what the API's title says it covers (SUSEP's branches), a general list otherwise. */
const INSURANCE_PRODUCTS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/hous|habita|residen/i, ['Seguro Residencial', 'Seguro Habitacional', 'Seguro Residencial Completo']],
  [/rural|agr/i, ['Seguro Agrícola', 'Seguro Pecuário', 'Seguro de Penhor Rural']],
  [/transport|cargo/i, ['Seguro de Transporte Nacional', 'Seguro de Carga', 'RCTR-C']],
  [/responsib/i, ['Seguro de Responsabilidade Civil Geral', 'Seguro RC Profissional', 'Seguro D&O']],
  [/financial.?risk|garant/i, ['Seguro Garantia', 'Seguro Fiança Locatícia', 'Seguro Garantia Judicial']],
  [/pension|previd/i, ['Plano PGBL', 'Plano VGBL', 'Previdência Individual']],
  [/capitaliz/i, ['Título de Capitalização Mensal', 'Capitalização Tradicional', 'Título Filantropia Premiável']],
  [/person|life|vida/i, ['Seguro de Vida Individual', 'Seguro de Acidentes Pessoais', 'Seguro Funeral']],
  [/auto|vehic|motor/i, ['Seguro Auto', 'Seguro Auto Básico', 'Seguro Frota']],
  [/assistance|assist/i, ['Assistência Financeira', 'Assistência Financeira Previdência']],
  [/abroad|acceptance/i, ['Seguro de Riscos no Exterior', 'Aceitação de Resseguro', 'Seguro Viagem']],
];
const GENERAL_INSURANCE = ['Seguro Residencial', 'Seguro de Vida Individual', 'Seguro Auto', 'Seguro Empresarial'];

export function insuranceProduct(title: string, rng: Rng): string {
  return rng.pick(INSURANCE_PRODUCTS.find(([re]) => re.test(title))?.[1] ?? GENERAL_INSURANCE);
}

/** Investment products by what the API's title or paths say it holds, a general list otherwise. */
const INVESTMENT_PRODUCTS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/treasur|tesouro/i, ['Tesouro Selic 2029', 'Tesouro IPCA+ 2035', 'Tesouro Prefixado 2027', 'Tesouro Renda+ 2065']],
  [/bank.?fixed|bankt/i, ['CDB Pós-fixado DI', 'LCI 24 meses', 'LCA Agronegócio', 'RDB Prefixado']],
  [/credit.?fixed/i, ['Debênture Incentivada', 'CRI Imobiliário', 'CRA Agronegócio', 'Debênture Simples']],
  [/variable/i, ['Ações ordinárias', 'Cotas de FII', 'BDR Nível I', 'ETF de índice']],
  [/fund/i, ['Fundo DI', 'Fundo Multimercado', 'Fundo de Ações', 'Fundo Cambial']],
];
const GENERAL_INVESTMENTS = ['CDB Pós-fixado DI', 'Tesouro Selic 2029', 'Fundo DI', 'Debênture Incentivada'];

export function investmentProduct(title: string, rng: Rng): string {
  return rng.pick(INVESTMENT_PRODUCTS.find(([re]) => re.test(title))?.[1] ?? GENERAL_INVESTMENTS);
}
