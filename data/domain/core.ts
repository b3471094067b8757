/**
 * The shared state of one world: its seed hash, its clock, and the domain
 * objects every family draws on (institution, customer, counterparties),
 * built on first use and kept — a handful of small objects per world.
 */
import { bankAccountNumber, type BankAccountNumber } from '../brazil/banks.ts';
import { hashString, rngFor, seedHash } from '../random.ts';
import {
  COUNTERPARTY_POOL,
  makeCounterparty,
  makeCustomer,
  pickInstitution,
  type Counterparty,
  type Customer,
  type Institution,
} from './parties.ts';

export interface CoreOptions {
  seed: string;
  now: number;
  /** Booked entries per account; undefined = derived from each account's age and activity. */
  transactionsPerAccount?: number;
  /** Records of each list of a spec no domain model knows (and ids of each kind); undefined = 3–12 per list, 5 ids. */
  recordsPerList?: number;
}

export class WorldCore {
  readonly hash: number;
  readonly now: number;
  readonly seed: string;
  readonly transactionsPerAccount?: number;
  readonly recordsPerList?: number;
  private institutionValue?: Institution;
  private customerValue?: Customer;
  private readonly counterparties: Array<Counterparty | undefined> = [];
  private readonly memo = new Map<string, unknown>();

  constructor(options: CoreOptions) {
    this.seed = options.seed;
    this.hash = seedHash(options.seed);
    this.now = options.now;
    this.transactionsPerAccount = options.transactionsPerAccount;
    this.recordsPerList = options.recordsPerList;
  }

  get institution(): Institution {
    this.institutionValue ??= pickInstitution(this.hash);
    return this.institutionValue;
  }

  get customer(): Customer {
    this.customerValue ??= makeCustomer(this.hash, this.now);
    return this.customerValue;
  }

  counterparty(k: number): Counterparty {
    const index = ((k % COUNTERPARTY_POOL) + COUNTERPARTY_POOL) % COUNTERPARTY_POOL;
    let found = this.counterparties[index];
    if (!found) {
      found = makeCounterparty(this.hash, index);
      this.counterparties[index] = found;
    }
    return found;
  }

  /** Counterparty k's account at another bank (for transfers within the same institution), built once. */
  counterpartyAccountAt(k: number, compe: string): BankAccountNumber {
    const index = ((k % COUNTERPARTY_POOL) + COUNTERPARTY_POOL) % COUNTERPARTY_POOL;
    return this.once(`cp-account:${compe}:${index}`, () => bankAccountNumber(rngFor(this.hash, `cp-account:${compe}`, index), compe));
  }

  /** A per-world singleton built on first use (accounts, contracts…). */
  once<T>(name: string, build: () => T): T {
    if (!this.memo.has(name)) this.memo.set(name, build());
    return this.memo.get(name) as T;
  }

  /** A 32-bit key for a named resource of this world. */
  key(name: string): number {
    return hashString(name, this.hash);
  }
}
