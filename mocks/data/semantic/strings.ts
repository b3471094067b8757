import type { FieldHint, Producer } from '../schema/plan.ts';

export function stringSemantics(_schema: Record<string, any>, _hint: FieldHint): Producer | undefined {
  return undefined;
}
