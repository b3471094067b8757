/**
 * A domain model is chosen by the resource path an operation serves, never by its
 * operationId: an API whose operations are renamed keeps its model, Opus routes serve
 * the Open Finance resource their operationId spells, and a family only gets the models
 * its profile lists.
 */
import { describe, expect, it } from 'vitest';
import { resourcePathFromOperationId } from '../../families/opus/resource-path.ts';
import { loadSpec } from '../../specs/load.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { resolverFor } from '../resolve/resolvers.ts';
import { resolveGeneric } from '../resolve/generic.ts';

const named = (id: string): Operation => ({ id }) as Operation;

describe("Opus resource paths from the operationId's spelling", () => {
  it.each([
    ['accountsGetAccounts', '/accounts'],
    ['accountsGetAccountsAccountId', '/accounts/{accountId}'],
    ['accountsGetAccountsAccountIdTransactionsCurrent', '/accounts/{accountId}/transactions-current'],
    ['financingsGetContractsContractIdScheduledInstalments', '/contracts/{contractId}/scheduled-instalments'],
    ['variableIncomesGetInvestmentsInvestmentIdBrokerNotesBrokerNoteId', '/investments/{investmentId}/broker-notes/{brokerNoteId}'],
    // A qualified singular names the parameter of the segment before it.
    ['creditCardsGetAccountsCreditCardAccountIdBillsBillId', '/accounts/{creditCardAccountId}/bills/{billId}'],
  ])('%s serves %s', (id, path) => {
    expect(resourcePathFromOperationId(named(id))).toBe(path);
  });

  it.each(['discoverAccounts', 'checkAccountHolderStatus', 'accountsGetAccountsFooId', 'GetAccounts'])(
    '%s spells no resource path (its own path is used)',
    (id) => {
      expect(resourcePathFromOperationId(named(id))).toBeUndefined();
    },
  );
});

function renamed(spec: LoadedSpec): LoadedSpec {
  return { ...spec, operations: spec.operations.map((operation, i) => ({ ...operation, id: `renamed${i}` })) };
}

describe('domain models by resource path', () => {
  it.each([
    'ofb-accounts-2.4.1',
    'ofb-financings-2.3.0',
    'opin-financial-assistance-1.2.0',
    'originator-applications-1.0.0',
    'belvo-accounts-1.223.0',
  ])('%s: every operation keeps its domain model when the operations are renamed', async (id) => {
    const spec = await loadSpec(id);
    const other = renamed(spec);
    const models = spec.operations.map((operation) => resolverFor(spec, operation));
    expect(
      models.some((resolver) => resolver !== resolveGeneric),
      'the API has a domain model',
    ).toBe(true);
    expect(other.operations.map((operation) => resolverFor(other, operation))).toEqual(models);
  });

  it('Opus routes get the model of the Open Finance resource they serve', async () => {
    const [ofb, opus] = await Promise.all([loadSpec('ofb-accounts-2.4.1'), loadSpec('opus-accounts-2.4.1')]);
    for (const operation of opus.operations.filter((op) => resourcePathFromOperationId(op) !== undefined)) {
      const served = ofb.operations.find((op) => op.path === resourcePathFromOperationId(operation));
      expect(served, operation.id).toBeDefined();
      expect(resolverFor(opus, operation), operation.id).toBe(resolverFor(ofb, served!));
    }
  });

  it('a family without that model answers the same paths generically', async () => {
    const spec = await loadSpec('ofb-accounts-2.4.1');
    // The same paths under a base path no family claims: the generic family, which lists no models.
    const generic: LoadedSpec = { ...renamed(spec), basePath: '/elsewhere', id: 'elsewhere' };
    for (const operation of generic.operations) expect(resolverFor(generic, operation)).toBe(resolveGeneric);
  });
});
