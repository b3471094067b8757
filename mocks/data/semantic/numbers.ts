import type { FieldHint, Producer } from '../schema/plan.ts';

export function numberSemantics(_schema: Record<string, any>, _hint: FieldHint, _type: 'number' | 'integer'): Producer | undefined {
  return undefined;
}
