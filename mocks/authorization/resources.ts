/**
 * What a customer can share: the accounts, cards and contracts the consent
 * page offers. The data engine will supply the real provider (the world's
 * customers and their products); until then `stubResources` gives every CPF a
 * small, stable set, the same on every replica.
 */
import { createHash } from 'node:crypto';
import { resourceTypesFor, type Consent, type ConsentResource } from './consent.ts';

export interface ResourcesProvider {
  /** The customer's resources, or an empty list for a CPF the world does not know. */
  resources(cpf: string): Promise<ConsentResource[]> | ConsentResource[];
}

const STUB_PRODUCTS: ReadonlyArray<[type: string, label: string]> = [
  ['ACCOUNT', 'Conta corrente'],
  ['ACCOUNT', 'Conta poupança'],
  ['CREDIT_CARD_ACCOUNT', 'Cartão de crédito'],
  ['LOAN', 'Empréstimo pessoal'],
  ['FINANCING', 'Financiamento de veículo'],
];

/** Two accounts, a credit card, a loan and a financing per CPF, with ids derived from it. */
export const stubResources: ResourcesProvider = {
  resources(cpf) {
    return STUB_PRODUCTS.map(([type, label], index) => {
      const digest = createHash('sha256').update(`${cpf}:${index}`).digest('hex');
      const id = `${digest.slice(0, 8)}-${digest.slice(8, 12)}-4${digest.slice(13, 16)}-8${digest.slice(17, 20)}-${digest.slice(20, 32)}`;
      const number = String(parseInt(digest.slice(32, 40), 16) % 100_000).padStart(5, '0');
      return { id, type, label: `${label} ${number}-${parseInt(digest.slice(40, 42), 16) % 10}` };
    });
  },
};

/** The customer's resources a consent's permissions let them share (accounts for ACCOUNTS_*, cards for CREDIT_CARDS_ACCOUNTS_*…). */
export async function resourcesForConsent(provider: ResourcesProvider, consent: Consent): Promise<ConsentResource[]> {
  const types = resourceTypesFor(consent.permissions);
  if (types.size === 0) return [];
  return (await provider.resources(consent.loggedUser.document.identification)).filter((resource) => types.has(resource.type));
}
