import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { startWorld } from './support/api-world';

type Schema = {
  $ref?: string;
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  enum?: unknown[];
  items?: Schema;
  minItems?: number;
  pattern?: string;
  format?: string;
};
type Operation = { requestBody?: { content: Record<string, { schema: Schema }> }; security?: Array<Record<string, string[]>> };
type Document = {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema>; securitySchemes: Record<string, { type: string; scheme: string }> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

/** The raw file upload: every other command takes a JSON body, if only to say when it happened. */
const WITHOUT_JSON_BODY = new Set(['POST /files']);

/**
 * `new Validator().validate(doc)` of @seriousme/openapi-schema-validator. The package is ESM only and
 * Jest runs these specs as CommonJS, so it runs in a Node process of its own.
 */
function validateOpenApi(doc: unknown): { valid: boolean; errors?: unknown } {
  const script = `import { Validator } from '@seriousme/openapi-schema-validator';
    let text = '';
    for await (const chunk of process.stdin) text += chunk;
    process.stdout.write(JSON.stringify(await new Validator().validate(JSON.parse(text))));`;
  const run = spawnSync(process.execPath, ['--input-type=module', '--eval', script], {
    cwd: join(__dirname, '..'),
    input: JSON.stringify(doc),
    encoding: 'utf8',
    timeout: 30_000,
  });
  if (run.status !== 0) throw new Error(`the OpenAPI validator failed to run: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

describe('the OpenAPI document a client is generated from', () => {
  let world: Awaited<ReturnType<typeof startWorld>>;
  let served: { status: number; type: string | null };
  let doc: Document;
  beforeAll(async () => {
    world = await startWorld('openapi', {});
    const response = await fetch(`${world.url}/openapi.json`);
    served = { status: response.status, type: response.headers.get('content-type') };
    doc = (await response.json()) as Document;
  });
  afterAll(() => world?.stop());

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, operation]) => ({ name: `${method.toUpperCase()} ${path}`, method, operation })),
    );
  const schema = (name: string) => doc.components.schemas[name];
  const resolve = (ref: string) => schema(ref.replace('#/components/schemas/', ''));

  it('is served without a token and is a valid OpenAPI document', () => {
    expect(served).toEqual({ status: 200, type: expect.stringMatching(/^application\/json/) });
    const { valid, errors } = validateOpenApi(doc);
    expect(errors).toBeUndefined();
    expect(valid).toBe(true);
  });

  it('gives every command a JSON request body whose schema names its fields', () => {
    const commands = operations().filter(({ method, name }) => ['post', 'put', 'patch'].includes(method) && !WITHOUT_JSON_BODY.has(name));
    expect(commands.length).toBeGreaterThan(20);
    for (const { name, operation } of commands) {
      const ref = operation.requestBody?.content['application/json']?.schema.$ref;
      expect({ name, ref }).toEqual({ name, ref: expect.stringMatching(/^#\/components\/schemas\/\w+$/) });
      expect({ name, properties: resolve(ref!)?.properties }).toEqual({ name, properties: expect.any(Object) });
    }
  });

  it('lets every command say when what it records happened, and where that is written down', () => {
    // An import is many commands, dated row by row from the paper its options name, not one effective date;
    // checking a copy of a pack records nothing, so has nothing to date.
    const commands = operations().filter(
      ({ method, name }) =>
        ['post', 'put', 'patch'].includes(method) &&
        !WITHOUT_JSON_BODY.has(name) &&
        name !== 'POST /plans/import' &&
        name !== 'POST /packs/verify',
    );
    const effectiveOf = (name: string, operation: Operation) => ({
      name,
      effective: resolve(operation.requestBody!.content['application/json'].schema.$ref!).properties!.effective?.$ref,
    });
    expect(commands.map(({ name, operation }) => effectiveOf(name, operation))).toEqual(
      commands.map(({ name }) => ({
        name,
        effective: name.endsWith('/sign-off-from-paper')
          ? '#/components/schemas/PaperEffectiveRequest'
          : '#/components/schemas/EffectiveRequest',
      })),
    );
    expect(schema('EffectiveRequest')).toMatchObject({ required: ['at'], properties: { at: { pattern: expect.any(String) } } });
    expect(schema('PaperEffectiveRequest').required).toEqual(['at', 'source']);
    expect(schema('SignOffFromPaperRequest').required).toEqual(['effective']);
    const at = new RegExp(schema('EffectiveRequest').properties!.at.pattern!);
    expect(['2022-06-14', '2022-06-14T10:00:00+01:00', '2022-06-14T09:00Z', '14/06/2022'].map((value) => at.test(value))).toEqual([
      true,
      true,
      true,
      false,
    ]);
  });

  it('declares the bearer token on every operation but /health', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    const unsecured = operations().filter(({ operation }) => !operation.security?.some((requirement) => 'bearer' in requirement));
    expect(unsecured.map(({ name }) => name)).toEqual(['GET /health']);
  });

  it('carries the validation rules a client needs: enums, required fields, nested owners, minimum counts', () => {
    const progress = schema('UpdateProgressRequest');
    expect(progress.properties!.assessment.enum).toEqual(['on track', 'at risk', 'off track']);
    expect(progress.required).toEqual(expect.arrayContaining(['commentary', 'assessment', 'asOf']));
    expect(progress.required).not.toContain('backdatingReason');

    const raise = schema('RaiseActionRequest');
    expect(raise.required).toEqual(expect.arrayContaining(['groupingId', 'description', 'leadOwners', 'references']));
    expect(raise.properties!.leadOwners).toMatchObject({
      type: 'array',
      minItems: 1,
      items: { $ref: '#/components/schemas/OwnerRequest' },
    });
    expect(schema('OwnerRequest')).toMatchObject({
      required: ['kind', 'name'],
      properties: { kind: { enum: ['person', 'role', 'team', 'organisation'] } },
    });

    expect(schema('SubmitForSignOffRequest').properties!.evidenceIds).toMatchObject({ minItems: 1 });
    expect(schema('DecideOnActionRequest').properties!.outcome.enum).toEqual([
      'signed off',
      'more evidence required',
      'deferred',
      'not accepted',
    ]);
    expect(schema('AddUserRequest').properties!.role.enum).toEqual([
      'admin',
      'plan manager',
      'action owner',
      'panel member',
      'auditor',
      'viewer',
    ]);
    expect(schema('CreatePlanRequest').properties!.source.$ref).toBe('#/components/schemas/PlanSourceRequest');
  });

  it('says which fields are days written YYYY-MM-DD (a pattern or format: date)', () => {
    const days = [
      'UpdateProgressRequest.asOf',
      'PlanSourceRequest.date',
      'SchedulePanelRequest.date',
      'ActivatePlanRequest.submittedOn',
      'ClosePlanRequest.approvedOn',
    ];
    const undeclared = days.filter((day) => {
      const [name, field] = day.split('.');
      const property = schema(name).properties![field];
      const accepts = (value: string) => (property.pattern ? new RegExp(property.pattern).test(value) : property.format === 'date');
      return !(accepts('2021-03-31') && !accepts('31.3.21'));
    });
    expect(undeclared).toEqual([]);
  });

  it('serves the API documentation as a web page at /docs', async () => {
    const response = await fetch(`${world.url}/docs`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await response.text()).toContain('swagger-ui');
  });
});
