/**
 * What the mock learns from a spec at start-up: which scheme its links must
 * use, how long a link may be, and which rules the loader relaxed because no
 * value could ever satisfy them (logged once, so users know why a value that
 * breaks the written pattern is accepted).
 */
import { propertySchema } from '../../specs/json-schema.ts';
import type { LoadedSpec } from '../../specs/types.ts';
import type { MountedApi } from './mount.ts';

export function linkSchemeFor(api: MountedApi): { scheme?: 'https'; maxLength?: number } {
  for (const mounted of api.operations) {
    const self = propertySchema(propertySchema(mounted.success.schema, 'links'), 'self');
    if (!self || typeof self !== 'object') continue;
    const validate = api.spec.validator.compile(self);
    const sample = `127.0.0.1:4010${api.basePath}${mounted.operation.path.replace(/\{[^}]+\}/g, 'x')}`;
    const maxLength = typeof self.maxLength === 'number' ? self.maxLength : undefined;
    if (!validate(`http://${sample}`) && validate(`https://${sample}`)) return { scheme: 'https', maxLength };
    return { maxLength };
  }
  return {};
}

export function relaxedRules(spec: LoadedSpec): Array<{ pointer: string; message: string }> {
  return spec.lint
    .filter((finding) => finding.code === 'pattern-never-matches')
    .map((finding) => ({ pointer: finding.pointer, message: finding.message }));
}
