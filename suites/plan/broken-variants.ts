/**
 * Plans with one thing broken, from the data engine's requestDefects: the plan
 * goes to the engine as a GeneratedRequest and each variant comes back as a
 * plan, with the same credentials and interaction-id handling as the valid one.
 */
import type { GeneratedRequest } from '../../data/index.ts';
import { signsBody } from '../../specs/lookup.ts';
import type { LoadedSpec, Operation } from '../../specs/types.ts';
import type { BrokenVariant } from '../checks/types.ts';
import type { RequestData } from './request-data.ts';
import type { RequestPlan } from './request-plan.ts';

export function brokenVariantsOf(
  requestData: RequestData,
  spec: LoadedSpec,
  operation: Operation,
  plan: RequestPlan,
  /** Whether the target can verify the run's signatures (the `--auth` client's key signs): then one variant breaks the signature. */
  verifiableSignatures = false,
): BrokenVariant[] {
  const request: GeneratedRequest = {
    pathParams: { ...plan.pathParams },
    query: Object.fromEntries(Object.entries(plan.query).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : value])),
    headers: { ...plan.headers },
    body: plan.body === undefined ? undefined : structuredClone(plan.body),
  };
  const signature: BrokenVariant[] =
    verifiableSignatures && plan.body !== undefined && signsBody(operation)
      ? [
          {
            name: 'broken-signature:/',
            description:
              'the signature of the signed body broken (a target that verifies it answers 400, BAD_SIGNATURE in the payments family)',
            location: 'body',
            target: '/',
            expect: 'invalid',
            plan: { ...plan, brokenSignature: true },
          },
        ]
      : [];
  return [
    ...signature,
    ...requestData.requestDefects(spec, operation, request).map((defect) => ({
      name: defect.name,
      description: defect.description,
      location: defect.location,
      target: defect.target,
      expect: defect.expect,
      plan: {
        ...plan,
        pathParams: defect.request.pathParams,
        query: defect.request.query,
        headers: defect.request.headers,
        body: defect.request.body,
      },
    })),
  ];
}
