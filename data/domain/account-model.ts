/**
 * What an account of the customer is, apart from how accounts.ts makes them,
 * so that the statement (statement.ts), which accounts.ts builds on, can name
 * it without importing accounts.ts back.
 */
import type { Ledger } from './ledger.ts';

export type AccountType = 'CONTA_DEPOSITO_A_VISTA' | 'CONTA_POUPANCA' | 'CONTA_PAGAMENTO_PRE_PAGA';

export interface Account {
  id: string;
  type: AccountType;
  subtype: 'INDIVIDUAL' | 'CONJUNTA_SIMPLES' | 'CONJUNTA_SOLIDARIA';
  compeCode: string;
  branchCode: string;
  /** At least 8 digits (OFB's `^\d{8,20}$`): the bank's own number, zero-padded. */
  number: string;
  checkDigit: string;
  currency: 'BRL';
  openedAt: number;
  ledger: Ledger;
  /** Key of the entry-type draws (shared by the ledger's sizes and the statement's texts). */
  typeKey: number;
  /** 8 hex digits that start every entry id of this account (a hash of the account id). */
  idPrefix: string;
  blockedCents: number;
  investedCents: number;
  /** Arranged overdraft (cheque especial) limit in cents; 0 = none. */
  overdraftLimitCents: number;
}
