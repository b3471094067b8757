/**
 * One ajv instance per spec, each schema compiled once (cached by identity),
 * and ajv's errors turned into violations people can read: the JSON path, the
 * rule that was broken, and the offending value.
 */
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import type { RegExpEngine } from 'ajv/dist/types/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { NUMBER_TEXT_KEYWORD } from './openapi-schema.ts';
import { compilePattern } from './pattern-health.ts';
import type { JsonSchema } from './json-schema.ts';
import { toViolations, type Violation } from './violations.ts';

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

// ajv reads an engine's `code` only when writing standalone validator modules, which aferir never does.
const patternEngine: RegExpEngine = Object.assign((pattern: string) => compilePattern(pattern), { code: 'compilePattern' });

export class SchemaValidator {
  private readonly ajv: Ajv;
  private readonly compiled = new WeakMap<object, ValidateFunction>();

  constructor(openapi: string) {
    const options = {
      strict: false,
      allErrors: true,
      validateSchema: false,
      // JSON Schema asks for Unicode regexes; spec patterns such as `\-` outside a class are only valid without the flag.
      code: { regExp: patternEngine },
    };
    this.ajv = openapi.startsWith('3.1') ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    // ajv-formats' `url` regex rejects loopback and private-network hosts (127.0.0.1, 10.x, 192.168.x),
    // so every link of a server on a laptop or in CI would fail it. A URL is what the WHATWG parser says it is.
    this.ajv.addFormat('url', { type: 'string', validate: isAbsoluteUrl });
    addNumberTextKeyword(this.ajv);
  }

  /** The compiled validator for a converted schema; compiled on first use only. */
  compile(schema: JsonSchema): ValidateFunction {
    if (typeof schema === 'boolean') return this.ajv.compile(schema);
    let validate = this.compiled.get(schema);
    if (!validate) {
      validate = this.ajv.compile(schema);
      this.compiled.set(schema, validate);
    }
    return validate;
  }

  isValid(schema: JsonSchema, value: unknown): boolean {
    return this.compile(schema)(value) as boolean;
  }

  validate(schema: JsonSchema, value: unknown): Violation[] {
    const validate = this.compile(schema);
    if (validate(value)) return [];
    return toViolations(validate.errors ?? [], value);
  }
}

function isAbsoluteUrl(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return /^(https?|ftp|wss?):$/.test(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

function addNumberTextKeyword(ajv: Ajv): void {
  ajv.addKeyword({
    keyword: NUMBER_TEXT_KEYWORD,
    type: ['number', 'integer'],
    schemaType: 'object',
    errors: true,
    compile(rules: { pattern?: string; minLength?: number; maxLength?: number }) {
      const regex = rules.pattern === undefined ? undefined : compilePattern(rules.pattern);
      const check = (data: number): boolean => {
        const text = String(data);
        const errors: Partial<ErrorObject>[] = [];
        if (regex && !regex.test(text)) {
          errors.push({
            keyword: 'pattern',
            message: `text ${text} must match pattern "${rules.pattern}"`,
            params: { pattern: rules.pattern, onNumberText: true },
          });
        }
        if (rules.maxLength !== undefined && text.length > rules.maxLength) {
          errors.push({
            keyword: 'maxLength',
            message: `text ${text} must have at most ${rules.maxLength} characters`,
            params: { limit: rules.maxLength, onNumberText: true },
          });
        }
        if (rules.minLength !== undefined && text.length < rules.minLength) {
          errors.push({
            keyword: 'minLength',
            message: `text ${text} must have at least ${rules.minLength} characters`,
            params: { limit: rules.minLength, onNumberText: true },
          });
        }
        (check as unknown as { errors: Partial<ErrorObject>[] }).errors = errors;
        return errors.length === 0;
      };
      return check;
    },
  });
}
