/**
 * Field recognition: which real-world value a field holds, by its name, its
 * parent's name, its rules and the API it belongs to. Returns a producer of
 * candidates; the plan checks each candidate against the schema, so a wrong
 * guess costs a retry, never an invalid value.
 */
import type { FieldHint, Producer, SemanticResolver } from '../schema/plan.ts';
import { stringSemantics } from './strings.ts';
import { numberSemantics } from './numbers.ts';
import { realismSemantics, type ApiContext } from './realism.ts';

/** The resolver for one API (its domain decides, e.g., which products it sells). */
export function semanticFor(api: ApiContext): SemanticResolver {
  return (schema, hint: FieldHint, type): Producer | undefined => {
    if (type === 'string') return realismSemantics(schema, hint, api) ?? stringSemantics(schema, hint);
    if (type === 'number' || type === 'integer') return numberSemantics(schema, hint, type);
    return undefined;
  };
}
