/** Words of Brazilian credit: product names by subtype, contracted fees with their codes, receiver apps. */
import type { Rng } from '../random.ts';

const FINANCINGS = ['Financiamento de Veículos', 'CDC Bens e Serviços'];
const PRODUCTS: Record<string, string[]> = {
  AQUISICAO_BENS_VEICULOS_AUTOMOTORES: ['Financiamento de Veículos', 'CDC Veículos', 'Crédito Auto'],
  AQUISICAO_BENS_OUTROS_BENS: ['CDC Bens e Serviços', 'Financiamento de Equipamentos'],
  MICROCREDITO: ['Microcrédito Produtivo Orientado'],
  CUSTEIO: ['Custeio Agrícola', 'Custeio Pecuário'],
  INVESTIMENTO: ['Investimento Rural', 'Pronaf Investimento'],
  INDUSTRIALIZACAO: ['Industrialização Rural'],
  COMERCIALIZACAO: ['Comercialização Rural'],
  FINANCIAMENTO_HABITACIONAL_SFH: ['Financiamento Imobiliário SFH', 'Crédito Imobiliário SFH'],
  FINANCIAMENTO_HABITACIONAL_EXCETO_SFH: ['Financiamento Imobiliário SFI', 'Home Equity'],
  FINANCIAMENTOS: FINANCINGS,
  FINANCIAMENTOS_RURAIS: ['Custeio Agrícola', 'Investimento Rural'],
  FINANCIAMENTOS_IMOBILIARIOS: ['Financiamento Imobiliário SFH'],
};

export function productName(subtype: unknown, rng: Rng): string {
  const names = PRODUCTS[String(subtype)] ?? FINANCINGS;
  return rng.pick(names);
}

/** Contracted fees as banks name and code them (name, code). */
export const FEES: ReadonlyArray<readonly [string, string]> = [
  ['Tarifa de Cadastro', 'CADASTRO'],
  ['Tarifa de Avaliação de Bem', 'AVALIACAO_BEM'],
  ['Registro de Contrato', 'REGISTRO_CONTRATO'],
  ['Seguro Prestamista', 'SEGURO_PRESTAMISTA'],
  ['Tarifa de Renovação de Cadastro', 'RENOVACAO_CADASTRO'],
];

/** Receivers (TPPs) as they appear on consents. */
export const TPP_NAMES = [
  'Organizador Financeiro Ltda',
  'Gestor de Gastos S.A.',
  'Crédito Fácil Fintech Ltda',
  'Carteira Digital Pagamentos S.A.',
  'Compara Crédito Ltda',
];

/** Free-text remarks as Brazilian institutions write them in additional-info fields. */
export const REMARKS = [
  'Informação complementar conforme contrato',
  'Condições previstas na cédula de crédito bancário',
  'Taxa definida na contratação',
  'Cobrança conforme tabela de tarifas vigente',
  'Parcelas com vencimento mensal',
  'Sem observações adicionais',
  'Valor atualizado na data da consulta',
  'Operação contratada em canal digital',
  'Encargos calculados sobre o saldo devedor',
  'Conforme Resolução CMN 4.882',
];
