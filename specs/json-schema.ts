/**
 * A JSON Schema as ajv (and our data engine) understands it, after conversion
 * from OpenAPI. In a file of its own so that the modules types.ts names (the
 * linter, the validator) can use it without importing types.ts back.
 */
export type JsonSchema = Record<string, any> | boolean;
