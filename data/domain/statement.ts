/**
 * What a statement entry says: its type, the name the bank prints, the
 * counterparty and the amount — all derived from the account's Ledger entry,
 * so the same entry reads the same in OFB and Opus, on every page size.
 */
import { LegacyFact, OMIT } from '../schema/plan.ts';
import { itemAt, unit } from '../random.ts';
import type { Account, AccountType } from './account-model.ts';
import { money } from './amounts.ts';
import type { EntryShape } from './ledger.ts';
import type { WorldCore } from './core.ts';
import type { Counterparty } from './parties.ts';

type EntryType =
  | 'TED'
  | 'DOC'
  | 'PIX'
  | 'TRANSFERENCIA_MESMA_INSTITUICAO'
  | 'BOLETO'
  | 'CONVENIO_ARRECADACAO'
  | 'PACOTE_TARIFA_SERVICOS'
  | 'TARIFA_SERVICOS_AVULSOS'
  | 'FOLHA_PAGAMENTO'
  | 'DEPOSITO'
  | 'SAQUE'
  | 'CARTAO'
  | 'ENCARGOS_JUROS_CHEQUE_ESPECIAL'
  | 'RENDIMENTO_APLIC_FINANCEIRA'
  | 'PORTABILIDADE_SALARIO'
  | 'RESGATE_APLIC_FINANCEIRA'
  | 'OPERACAO_CREDITO'
  | 'OUTROS';

/** Types by how often they show up in a Brazilian checking account. */
const CREDIT_TYPES: EntryType[] = [
  'PIX',
  'TED',
  'TRANSFERENCIA_MESMA_INSTITUICAO',
  'FOLHA_PAGAMENTO',
  'DEPOSITO',
  'RENDIMENTO_APLIC_FINANCEIRA',
  'RESGATE_APLIC_FINANCEIRA',
  'PORTABILIDADE_SALARIO',
  'OPERACAO_CREDITO',
  'DOC',
];
const CREDIT_WEIGHTS = [45, 10, 10, 10, 5, 6, 6, 2, 3, 1];
const DEBIT_TYPES: EntryType[] = [
  'PIX',
  'BOLETO',
  'CARTAO',
  'CONVENIO_ARRECADACAO',
  'SAQUE',
  'TED',
  'TARIFA_SERVICOS_AVULSOS',
  'PACOTE_TARIFA_SERVICOS',
  'ENCARGOS_JUROS_CHEQUE_ESPECIAL',
  'TRANSFERENCIA_MESMA_INSTITUICAO',
  'OUTROS',
];
const DEBIT_WEIGHTS = [40, 15, 15, 8, 5, 4, 3, 3, 2, 4, 1];
const SAVINGS_CREDITS: EntryType[] = ['TRANSFERENCIA_MESMA_INSTITUICAO', 'RENDIMENTO_APLIC_FINANCEIRA', 'PIX'];
const SAVINGS_DEBITS: EntryType[] = ['TRANSFERENCIA_MESMA_INSTITUICAO', 'PIX', 'SAQUE'];

/** Entries with a counterparty account (transfers); the others print a merchant or the bank itself. */
const WITH_PARTY = new Set<EntryType>(['TED', 'DOC', 'PIX', 'TRANSFERENCIA_MESMA_INSTITUICAO', 'FOLHA_PAGAMENTO', 'PORTABILIDADE_SALARIO']);
const BILLERS = [
  'ENEL DISTRIBUICAO',
  'SABESP',
  'CLARO S.A.',
  'VIVO',
  'CEMIG',
  'COPEL',
  'NET SERVICOS',
  'CONDOMINIO RESIDENCIAL',
  'PREFEITURA MUNICIPAL',
  'DETRAN',
];
const MERCHANTS = ['SUPERMERCADO', 'POSTO', 'FARMACIA', 'PADARIA', 'RESTAURANTE', 'IFOOD', 'UBER', 'MERCADO LIVRE', 'AMAZON', 'RENNER'];

const pick = <T>(items: readonly T[], u: number): T => itemAt(items, Math.min(items.length - 1, Math.floor(u * items.length)));

/** A picker over cumulative weights, built once per table (entry types are drawn for every entry rendered). */
function weighted<T>(items: readonly T[], weights: readonly number[]): (u: number) => T {
  const total = weights.reduce((a, b) => a + b, 0);
  let running = 0;
  const bounds = weights.map((w) => (running += w) / total);
  return (u) => {
    for (let i = 0; i < bounds.length; i++) if (u < bounds[i]!) return itemAt(items, i);
    return itemAt(items, items.length - 1);
  };
}

const pickCredit = weighted(CREDIT_TYPES, CREDIT_WEIGHTS);
const pickDebit = weighted(DEBIT_TYPES, DEBIT_WEIGHTS);

/** The type of entry `index`: a pure function of the account type, its key and the entry's side. */
function entryTypeOf(accountType: AccountType, typeKey: number, index: number, credit: boolean): EntryType {
  const u = unit(typeKey, index);
  if (accountType === 'CONTA_POUPANCA') return pick(credit ? SAVINGS_CREDITS : SAVINGS_DEBITS, u);
  return credit ? pickCredit(u) : pickDebit(u);
}

/** Fees and interest have the sizes a bank charges, whatever the balance; salaries are the big credits. */
export function entryShape(accountType: AccountType, typeKey: number, index: number, credit: boolean, u: number): EntryShape {
  switch (entryTypeOf(accountType, typeKey, index, credit)) {
    case 'PACOTE_TARIFA_SERVICOS':
      return { weight: 1, fixedCents: 1990 + Math.floor(u * 4) * 1000 };
    case 'TARIFA_SERVICOS_AVULSOS':
      return { weight: 1, fixedCents: 550 + Math.floor(u * 20) * 50 };
    case 'ENCARGOS_JUROS_CHEQUE_ESPECIAL':
      return { weight: 1, fixedCents: 300 + Math.floor(u * 15_000) };
    case 'RENDIMENTO_APLIC_FINANCEIRA':
      return { weight: 0.05 };
    case 'FOLHA_PAGAMENTO':
      return { weight: 3 };
    case 'CARTAO':
      return { weight: 0.4 };
    default:
      return { weight: 1 };
  }
}

function printedName(type: EntryType, credit: boolean, party: Counterparty, u: number): string {
  const who = party.name.toUpperCase();
  switch (type) {
    case 'PIX':
      return `PIX ${credit ? 'RECEBIDO' : 'ENVIADO'} - ${who}`;
    case 'TED':
    case 'DOC':
      return `${type} ${credit ? 'RECEBIDA' : 'ENVIADA'} - ${who}`;
    case 'TRANSFERENCIA_MESMA_INSTITUICAO':
      return `TRANSF ${credit ? 'RECEBIDA' : 'ENVIADA'} ENTRE CONTAS - ${who}`;
    case 'FOLHA_PAGAMENTO':
      return `CRED SALARIO - ${who}`;
    case 'PORTABILIDADE_SALARIO':
      return `PORTABILIDADE SALARIO - ${who}`;
    case 'BOLETO':
      return `PAGTO BOLETO - ${pick(BILLERS, u)}`;
    case 'CONVENIO_ARRECADACAO':
      return `PAGTO CONTA - ${pick(BILLERS, u)}`;
    case 'CARTAO':
      return `COMPRA CARTAO DEB - ${pick(MERCHANTS, u)}`;
    case 'SAQUE':
      return 'SAQUE TERMINAL 24H';
    case 'DEPOSITO':
      return 'DEPOSITO EM DINHEIRO';
    case 'PACOTE_TARIFA_SERVICOS':
      return 'TARIFA PACOTE DE SERVICOS';
    case 'TARIFA_SERVICOS_AVULSOS':
      return 'TARIFA TED/DOC AVULSA';
    case 'ENCARGOS_JUROS_CHEQUE_ESPECIAL':
      return 'JUROS CHEQUE ESPECIAL';
    case 'RENDIMENTO_APLIC_FINANCEIRA':
      return 'RENDIMENTO POUPANCA/CDB';
    case 'RESGATE_APLIC_FINANCEIRA':
      return 'RESGATE CDB';
    case 'OPERACAO_CREDITO':
      return 'CREDITO EMPRESTIMO PESSOAL';
    default:
      return 'LANCAMENTO DIVERSO';
  }
}

/** What an entry says of its counterparty: left out of entries that have none. */
const PARTY_FIELDS = ['partieCnpjCpf', 'partiePersonType', 'partieCompeCode', 'partieBranchCode', 'partieNumber', 'partieCheckDigit'];

/** A stable, unique entry id: the account's short hash and the entry's index. */
function transactionId(account: Account, index: number): string {
  return `${account.idPrefix}-${index.toString(36).padStart(6, '0')}`;
}

/** The facts of entry `index` of an account's statement. */
export function transactionFacts(core: WorldCore, account: Account, index: number): Record<string, unknown> {
  const ledger = account.ledger;
  const credit = ledger.isCredit(index);
  const type = entryTypeOf(account.type, account.typeKey, index, credit);
  const u = unit(account.typeKey ^ 0x5bd1e995, index);
  const partyIndex = Math.floor(u * 1_000_003);
  const party = core.counterparty(partyIndex);
  const facts: Record<string, unknown> = {
    transactionId: new LegacyFact('transactionId', transactionId(account, index)),
    completedAuthorisedPaymentType: ledger.isScheduled(index) ? 'LANCAMENTO_FUTURO' : 'TRANSACAO_EFETIVADA',
    creditDebitType: credit ? 'CREDITO' : 'DEBITO',
    transactionName: printedName(type, credit, party, u),
    type,
    transactionAmount: { amount: money(ledger.amountCents(index)), currency: 'BRL' },
    transactionDateTime: new Date(ledger.time(index)),
  };
  if (WITH_PARTY.has(type)) {
    // Within the same institution the counterparty's account is one of ours, numbered by our bank's rule.
    const local = type === 'TRANSFERENCIA_MESMA_INSTITUICAO' ? core.counterpartyAccountAt(partyIndex, account.compeCode) : undefined;
    facts.partieCnpjCpf = party.document;
    facts.partiePersonType = party.personType;
    facts.partieCompeCode = local ? account.compeCode : party.bank.compe;
    facts.partieBranchCode = local ? local.branch : party.branch;
    facts.partieNumber = local ? local.account.padStart(8, '0') : party.number;
    facts.partieCheckDigit = local ? local.checkDigit : party.checkDigit;
  } else {
    for (const field of PARTY_FIELDS) facts[field] = OMIT;
  }
  return facts;
}
