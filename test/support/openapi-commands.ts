/** The parts of an OpenAPI 3 schema the bad-input generators read. */
export interface Schema {
  $ref?: string;
  allOf?: Schema[];
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  format?: string;
  pattern?: string;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  nullable?: boolean;
}

interface Parameter {
  in: string;
  name: string;
}
interface Operation {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

/** What a command route takes: a JSON body with a schema, raw bytes, or nothing. */
export type RouteBody = { kind: 'json'; schema: Schema } | { kind: 'bytes' } | { kind: 'none' };

/** One command route (a POST, PUT, PATCH or DELETE) as the OpenAPI document describes it. */
export interface CommandRoute {
  /** `POST /plans/{planId}/groupings`, as Jest and the report name it. */
  name: string;
  method: string;
  template: string;
  pathParams: string[];
  body: RouteBody;
  /** The request headers the route declares, as written in the document (`If-Match`). */
  headers: string[];
}

const COMMANDS = ['post', 'put', 'patch', 'delete'];

/** Every command route in the document; a body type the generators cannot produce is an error, not a skip. */
export function commandRoutes(doc: OpenApiDocument): CommandRoute[] {
  return Object.entries(doc.paths).flatMap(([template, item]) =>
    Object.entries(item)
      .filter(([method]) => COMMANDS.includes(method))
      .map(([method, operation]) => {
        const name = `${method.toUpperCase()} ${template}`;
        const parameters = operation.parameters ?? [];
        return {
          name,
          method: method.toUpperCase(),
          template,
          pathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
          headers: parameters.filter((p) => p.in === 'header').map((p) => p.name),
          body: routeBody(name, operation, doc),
        };
      }),
  );
}

function routeBody(name: string, operation: Operation, doc: OpenApiDocument): RouteBody {
  const content = operation.requestBody?.content;
  if (!content) return { kind: 'none' };
  if (content['application/json']) return { kind: 'json', schema: resolve(content['application/json'].schema, doc) };
  if (content['application/octet-stream']) return { kind: 'bytes' };
  throw new Error(`${name}: no bad-input generator for a body of ${Object.keys(content).join(', ')}`);
}

/** Inlines `$ref` and single `allOf` wrappers, so generators see plain nested schemas. */
export function resolve(schema: Schema, doc: OpenApiDocument): Schema {
  if (schema.$ref) {
    const target = resolve(doc.components.schemas[schema.$ref.replace('#/components/schemas/', '')], doc);
    // A nullable reference (`{ allOf: [$ref], nullable }`) keeps its null where it is used, not in the shared component.
    return schema.nullable ? { ...target, nullable: true } : target;
  }
  if (schema.allOf?.length === 1) return resolve({ ...schema.allOf[0], nullable: schema.nullable }, doc);
  const resolved: Schema = { ...schema };
  if (schema.properties) {
    resolved.type ??= 'object';
    resolved.properties = Object.fromEntries(Object.entries(schema.properties).map(([key, value]) => [key, resolve(value, doc)]));
  }
  if (schema.items) resolved.items = resolve(schema.items, doc);
  return resolved;
}

/** Where a field sits in a body: `['leadOwners', 0, 'name']`; an array's first item stands for every item. */
export type FieldPath = Array<string | number>;

export interface Field {
  path: FieldPath;
  schema: Schema;
  /** Whether the object holding it requires it (array items count as required). */
  required: boolean;
}

/** Every field of a body schema, nested objects and array items included, depth first. */
export function fieldsOf(schema: Schema, prefix: FieldPath = []): Field[] {
  return Object.entries(schema.properties ?? {}).flatMap(([key, property]) => {
    const path = [...prefix, key];
    const own: Field = { path, schema: property, required: schema.required?.includes(key) ?? false };
    return [own, ...within(property, path)];
  });
}

function within(schema: Schema, path: FieldPath): Field[] {
  if (schema.type === 'object') return fieldsOf(schema, path);
  if (schema.type === 'array' && schema.items) {
    const item: Field = { path: [...path, 0], schema: schema.items, required: true };
    return [item, ...within(schema.items, item.path)];
  }
  return [];
}

/** The objects of a body schema (the body itself first) with where each sits. */
export function objectsOf(schema: Schema): Array<{ path: FieldPath; schema: Schema }> {
  return [{ path: [], schema }, ...fieldsOf(schema).filter((field) => field.schema.type === 'object')];
}

export const dotted = (path: FieldPath) => path.join('.');
