/**
 * Field recognition: which real-world value a field holds, by its name, its
 * parent's name and its rules. Returns a producer of candidates; the plan
 * checks each candidate against the schema, so a wrong guess costs a retry,
 * never an invalid value.
 */
import type { FieldHint, Producer, SemanticResolver } from '../schema/plan.ts';
import { stringSemantics } from './strings.ts';
import { numberSemantics } from './numbers.ts';

export const semantic: SemanticResolver = (schema, hint: FieldHint, type): Producer | undefined => {
  if (type === 'string') return stringSemantics(schema, hint);
  if (type === 'number' || type === 'integer') return numberSemantics(schema, hint, type);
  return undefined;
};
