/**
 * Identifiers as fixtures (`aferir data cpf|cnpj|pix|bank`): deterministic in
 * (seed, index), one per line, in the form APIs exchange them (digits only).
 */
import { allBanks } from './brazil/banks.ts';
import { generateAlphanumericCnpj, generateCnpj, generateCpf } from './brazil/documents.ts';
import { pixKey, PIX_KEY_TYPES } from './brazil/pix.ts';
import { itemAt, rngFor, seedHash } from './random.ts';

export type IdentifierKind = 'cpf' | 'cnpj' | 'pix' | 'bank';

export interface IdentifierOptions {
  seed: string;
  /** cnpj only: the alphanumeric format (in force from July 2026) instead of digits (default false). */
  alphanumeric?: boolean;
}

/**
 * Line i of `aferir data <kind>`:
 * cpf `12345678909`; cnpj `11222333000181`; pix `<TYPE> <key>` with TYPE in CPF, CNPJ, EMAIL, PHONE, EVP (cycling);
 * bank `<COMPE> <ISPB> <name>`, walking the whole bank list in a seed-shuffled order before repeating.
 */
export function identifier(kind: IdentifierKind, index: number, options: IdentifierOptions): string {
  const world = seedHash(options.seed);
  const rng = rngFor(world, `identifier:${kind}`, index);
  switch (kind) {
    case 'cpf':
      return generateCpf(rng);
    case 'cnpj':
      return options.alphanumeric ? generateAlphanumericCnpj(rng) : generateCnpj(rng);
    case 'pix': {
      const type = itemAt(PIX_KEY_TYPES, index % PIX_KEY_TYPES.length);
      return `${type} ${pixKey(rng, type)}`;
    }
    case 'bank': {
      const banks = allBanks();
      const order = shuffledOrder(world, banks.length);
      const bank = itemAt(banks, itemAt(order, index % banks.length));
      return `${bank.compe} ${bank.ispb} ${bank.name}`;
    }
  }
}

const orders = new Map<string, number[]>();

function shuffledOrder(world: number, length: number): number[] {
  const key = `${world}:${length}`;
  let order = orders.get(key);
  if (!order) {
    const rng = rngFor(world, 'identifier:bank-order');
    order = Array.from({ length }, (_, i) => i);
    for (let i = length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    orders.set(key, order);
  }
  return order;
}
