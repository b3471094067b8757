/**
 * The accounts, cards and contracts a customer can share, read from the data
 * world through the mounted APIs themselves, so the consent page, the
 * Resources API and the data APIs show the same ids. A resource list is a GET
 * without path parameters of an enveloped API (`data`, `links`, `meta`) whose
 * items carry a field that another operation of the API takes as its path
 * parameter (`accountId` for `/accounts/{accountId}`…); the resource type
 * follows from the permission the list needs (ACCOUNTS_READ → ACCOUNT…).
 * The world has one customer: whoever signs in shares that customer's products.
 */
import { isSchemaObject, propertySchema } from '../../specs/json-schema.ts';
import { resourceTypesFor, type ConsentResource } from '../authorization/consent.ts';
import type { ResourcesProvider } from '../authorization/resources.ts';
import type { MountedApi, MountedOperation } from './mount.ts';
import type { MockRuntime } from './runtime.ts';

/** How the consent page names each type of product. */
const LABELS: Readonly<Record<string, string>> = {
  ACCOUNT: 'Conta',
  CREDIT_CARD_ACCOUNT: 'Cartão de crédito',
  LOAN: 'Empréstimo',
  FINANCING: 'Financiamento',
  UNARRANGED_ACCOUNT_OVERDRAFT: 'Cheque especial',
  INVOICE_FINANCING: 'Direitos creditórios',
};

/** Fields that make a product recognisable on the consent page, in order of preference. */
const LABEL_FIELDS = ['number', 'contractNumber', 'productName', 'name'];

interface ResourceList {
  mounted: MountedOperation;
  idField: string;
  type: string;
}

function resourceLists(apis: readonly MountedApi[]): ResourceList[] {
  const lists: ResourceList[] = [];
  for (const api of apis) {
    if (api.profile.successBody !== 'data-links-meta') continue;
    const pathParams = new Set(api.operations.flatMap((m) => m.operation.parameters.filter((p) => p.in === 'path').map((p) => p.name)));
    for (const mounted of api.operations) {
      const { operation } = mounted;
      if (operation.method !== 'GET' || operation.parameters.some((p) => p.in === 'path')) continue;
      const [type] = resourceTypesFor(mounted.permissions);
      const data = propertySchema(mounted.success.schema, 'data');
      const items = data?.type === 'array' ? data.items : undefined;
      const fields = Object.keys(isSchemaObject(items) ? (items.properties ?? {}) : {});
      const idField = fields.find((field) => pathParams.has(field));
      if (type !== undefined && idField !== undefined) lists.push({ mounted, idField, type });
    }
  }
  return lists;
}

/** The world's shareable resources, recomputed when the world changes (a new day on an unpinned clock). */
export function worldResources(apis: readonly MountedApi[], runtime: MockRuntime): () => ConsentResource[] {
  const lists = resourceLists(apis);
  let cached: { world: object; resources: ConsentResource[] } | undefined;
  return () => {
    const world = runtime.world();
    if (cached?.world === world) return cached.resources;
    const byId = new Map<string, ConsentResource>();
    for (const { mounted, idField, type } of lists) {
      const answer = world.resolve(mounted.api.spec, mounted.operation, { pathParams: {}, query: {} });
      if (answer.kind !== 'page') continue;
      const items = answer.render(0, Math.min(answer.total, 1000));
      if (!Array.isArray(items)) continue;
      for (const item of items as Array<Record<string, unknown>>) {
        const id = item[idField];
        if (typeof id !== 'string' || byId.has(id)) continue;
        const detail = LABEL_FIELDS.map((field) => item[field]).find((value) => typeof value === 'string');
        byId.set(id, { id, type, label: `${LABELS[type] ?? type} ${typeof detail === 'string' ? detail : id.slice(0, 8)}` });
      }
    }
    cached = { world, resources: [...byId.values()] };
    return cached.resources;
  };
}

export function resourcesProvider(resources: () => ConsentResource[]): ResourcesProvider {
  return { resources: () => resources() };
}
