/**
 * Which domain model answers an operation: the first of its family's models whose
 * resource path shape matches (data/resolve/domain-routes.ts), else the generic resolver.
 */
import { profileOf } from '../../families/index.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import { DOMAIN_ROUTES, type Resolver } from './domain-routes.ts';
import { resolveGeneric } from './generic.ts';

const cache = new WeakMap<Operation, Resolver>();

export function resolverFor(spec: LoadedSpec, operation: Operation): Resolver {
  let resolver = cache.get(operation);
  if (!resolver) {
    const { models, resourcePath } = profileOf(spec).domain;
    const path = resourcePath?.(operation) ?? operation.path;
    resolver = DOMAIN_ROUTES.find((route) => models.includes(route.model) && route.shape.test(path))?.resolver ?? resolveGeneric;
    cache.set(operation, resolver);
  }
  return resolver;
}
