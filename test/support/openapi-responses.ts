/**
 * Validation of real responses against what our own OpenAPI document (GET /api/v1/openapi.json)
 * says an operation answers, with @cfworker/json-schema inside workerd (as for HSDS). The document
 * is registered whole under one URI, so its `#/components/schemas/…` references resolve.
 *
 * Declared objects say which fields exist; an answer with a field the document does not name is
 * untrue too, so objects with listed properties admit no others here.
 */
import { Validator, type OutputUnit } from '@cfworker/json-schema';

const DOCUMENT = 'https://masar.test/api/v1/openapi.json';

/** The JSON pointer of an operation's response body schema in the document. */
export function responsePointer(path: string, method: string, status: number | string): string {
  return ['paths', path, method.toLowerCase(), 'responses', String(status), 'content', 'application/json', 'schema']
    .map((part) => part.replaceAll('~', '~0').replaceAll('/', '~1'))
    .join('/');
}

/** The schema the document declares for an operation's JSON response, or undefined. */
export function declaredSchema(document: any, path: string, method: string, status: number | string): unknown {
  return document.paths?.[path]?.[method.toLowerCase()]?.responses?.[String(status)]?.content?.['application/json']
    ?.schema;
}

function closed(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== 'object') return schema;
  const copy: Record<string, unknown> = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, closed(v)]));
  if (copy.properties && copy.additionalProperties === undefined) copy.additionalProperties = false;
  return copy;
}

/** Validation errors of `body` against the document's schema for that response (empty when valid), readably. */
export function responseErrors(
  document: object,
  path: string,
  method: string,
  status: number | string,
  body: unknown,
): string[] {
  // A fresh validator and copy each time: the library annotates the schema objects it is given.
  const validator = new Validator({ $ref: `${DOCUMENT}#/${responsePointer(path, method, status)}` }, '2020-12', false);
  validator.addSchema(closed(document) as never, DOCUMENT);
  const result = validator.validate(body);
  return result.valid ? [] : result.errors.map((e: OutputUnit) => `${e.instanceLocation}: ${e.error}`);
}
