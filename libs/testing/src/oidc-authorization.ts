import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { jwtVerify, SignJWT, type CryptoKey, type JWTPayload, type KeyObject } from 'jose';

/** A client (relying party) registered at the test issuer. */
export interface TestOidcClient {
  clientId: string;
  /** Unset: a public client, PKCE alone. */
  clientSecret?: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
}

/** The claims the issuer puts in a person's ID token once they sign in with their username. */
export type TestOidcPerson = JWTPayload & { sub: string };

interface Keys {
  issuer: string;
  kid: string;
  privateKey: CryptoKey | KeyObject;
  publicKey: CryptoKey | KeyObject;
}

interface Grant {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce?: string;
  person: TestOidcPerson;
  expiresMs: number;
}

const COOKIE = 'test_issuer_session';

/**
 * The authorization-code flow of the test issuer, as a real one does it: an authorization endpoint
 * that asks who you are (a username form) unless this browser already has a session here, refuses
 * an unregistered redirect URI and anything but `code` with an S256 PKCE challenge; a token
 * endpoint that authenticates the client, redeems a code once, and checks the redirect URI and
 * the PKCE verifier; and an end-session endpoint (RP-initiated logout) that ends this browser's
 * session here and returns only to a registered address.
 */
export class AuthorizationFlow {
  readonly clients = new Map<string, TestOidcClient>();
  readonly people = new Map<string, TestOidcPerson>();
  /** Sessions at the issuer: cookie value → subject. */
  readonly sessions = new Map<string, string>();
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly keys: Keys) {}

  /** Answers the flow's routes; false for a path that is not one of them. */
  async handle(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
    const url = new URL(request.url ?? '/', this.keys.issuer);
    const routes: Record<string, () => Promise<void> | void> = {
      'GET /authorize': () => this.authorize(request, response, url.searchParams),
      'POST /login': async () => this.login(response, await form(request)),
      'POST /token': async () => this.token(request, response, await form(request)),
      'GET /end-session': () => this.endSession(request, response, url.searchParams),
    };
    const route = routes[`${request.method} ${url.pathname}`];
    if (!route) return false;
    await route();
    return true;
  }

  private authorize(request: IncomingMessage, response: ServerResponse, params: URLSearchParams): void {
    const refused = this.refusal(params);
    if (refused) return page(response, 400, 'Sign-in request refused', `<p>${escape(refused)}</p>`);
    const subject = this.sessions.get(cookie(request) ?? '');
    const person = [...this.people.values()].find((candidate) => candidate.sub === subject);
    if (person) return this.issueCode(response, params, person);
    page(response, 200, 'Sign in to the test issuer', loginForm(params));
  }

  /** What is wrong with an authorization request, or null: nothing is redirected before this passes. */
  private refusal(params: URLSearchParams): string | null {
    const client = this.clients.get(params.get('client_id') ?? '');
    if (!client) return `unknown client_id "${params.get('client_id')}"`;
    if (!client.redirectUris.includes(params.get('redirect_uri') ?? ''))
      return `redirect_uri "${params.get('redirect_uri')}" is not registered`;
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (!(params.get('scope') ?? '').split(' ').includes('openid')) return 'scope must include openid';
    if (params.get('code_challenge_method') !== 'S256' || !params.get('code_challenge')) return 'a PKCE S256 code_challenge is required';
    return null;
  }

  private login(response: ServerResponse, body: URLSearchParams): void {
    const params = new URLSearchParams(body.get('request') ?? '');
    const refused = this.refusal(params);
    if (refused) return page(response, 400, 'Sign-in request refused', `<p>${escape(refused)}</p>`);
    if (body.get('action') === 'deny')
      return redirect(response, callback(params, { error: 'access_denied', error_description: 'The user said no' }));
    const person = this.people.get(body.get('username') ?? '');
    if (!person) return page(response, 200, 'Sign in to the test issuer', `<p id="error">Unknown username</p>${loginForm(params)}`);
    const session = randomBytes(16).toString('base64url');
    this.sessions.set(session, person.sub);
    response.setHeader('set-cookie', `${COOKIE}=${session}; Path=/; HttpOnly; SameSite=Lax`);
    this.issueCode(response, params, person);
  }

  private issueCode(response: ServerResponse, params: URLSearchParams, person: TestOidcPerson): void {
    const code = randomBytes(24).toString('base64url');
    this.grants.set(code, {
      clientId: params.get('client_id')!,
      redirectUri: params.get('redirect_uri')!,
      codeChallenge: params.get('code_challenge')!,
      nonce: params.get('nonce') ?? undefined,
      person,
      expiresMs: Date.now() + 60_000,
    });
    redirect(response, callback(params, { code }));
  }

  private async token(request: IncomingMessage, response: ServerResponse, body: URLSearchParams): Promise<void> {
    const client = this.authenticate(request, body);
    if (!client) return json(response, 401, { error: 'invalid_client' });
    const code = body.get('code') ?? '';
    const grant = this.grants.get(code);
    this.grants.delete(code); // a code is redeemed once, whatever happens next
    const verifier = body.get('code_verifier') ?? '';
    const checks: Array<[boolean, string]> = [
      [body.get('grant_type') === 'authorization_code', 'grant_type must be authorization_code'],
      [!!grant && grant.expiresMs > Date.now() && grant.clientId === client.clientId, 'unknown, used or expired code'],
      [grant?.redirectUri === body.get('redirect_uri'), 'redirect_uri differs from the authorization request'],
      [
        /^[\w.~-]{43,128}$/.test(verifier) && createHash('sha256').update(verifier).digest('base64url') === grant?.codeChallenge,
        'PKCE verifier does not match',
      ],
    ];
    const failed = checks.find(([ok]) => !ok);
    if (failed) return json(response, 400, { error: 'invalid_grant', error_description: failed[1] });
    const idToken = await new SignJWT({ ...grant!.person, nonce: grant!.nonce })
      .setProtectedHeader({ alg: 'RS256', kid: this.keys.kid, typ: 'JWT' })
      .setIssuer(this.keys.issuer)
      .setAudience(client.clientId)
      .setIssuedAt()
      .setExpirationTime('5m')
      .sign(this.keys.privateKey);
    json(response, 200, { access_token: randomBytes(24).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: idToken });
  }

  /** client_secret_basic, client_secret_post, or none for a public client. */
  private authenticate(request: IncomingMessage, body: URLSearchParams): TestOidcClient | undefined {
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const [id, secret] = basic
      ? Buffer.from(basic, 'base64').toString().split(':').map(decodeURIComponent)
      : [body.get('client_id') ?? '', body.get('client_secret') ?? undefined];
    const client = this.clients.get(id);
    return client && (client.clientSecret ?? undefined) === (secret || undefined) ? client : undefined;
  }

  private async endSession(request: IncomingMessage, response: ServerResponse, params: URLSearchParams): Promise<void> {
    const hint = params.get('id_token_hint');
    const claims = hint
      ? await jwtVerify(hint, this.keys.publicKey, { issuer: this.keys.issuer }).then(
          (result) => result.payload,
          () => null,
        )
      : null;
    if (hint && !claims) return page(response, 400, 'Sign-out request refused', '<p>id_token_hint is not a token this issuer signed</p>');
    const client = this.clients.get(params.get('client_id') ?? String(claims?.aud ?? ''));
    const returnTo = params.get('post_logout_redirect_uri');
    if (returnTo && !client?.postLogoutRedirectUris.includes(returnTo))
      return page(response, 400, 'Sign-out request refused', `<p>post_logout_redirect_uri "${escape(returnTo)}" is not registered</p>`);
    this.sessions.delete(cookie(request) ?? '');
    response.setHeader('set-cookie', `${COOKIE}=; Path=/; Max-Age=0`);
    if (!returnTo) return page(response, 200, 'Signed out of the test issuer', '<p>You have signed out.</p>');
    const back = new URL(returnTo);
    if (params.get('state')) back.searchParams.set('state', params.get('state')!);
    redirect(response, back.href);
  }
}

function callback(params: URLSearchParams, answer: Record<string, string>): string {
  const url = new URL(params.get('redirect_uri')!);
  for (const [name, value] of Object.entries(answer)) url.searchParams.set(name, value);
  if (params.get('state') !== null) url.searchParams.set('state', params.get('state')!);
  return url.href;
}

function loginForm(params: URLSearchParams): string {
  return `<form method="post" action="/login">
    <input type="hidden" name="request" value="${escape(params.toString())}">
    <label for="username">Username</label> <input id="username" name="username" autocomplete="username">
    <button name="action" value="sign-in">Sign in</button> <button name="action" value="deny">Cancel</button>
  </form>`;
}

function page(response: ServerResponse, status: number, title: string, body: string): void {
  response.statusCode = status;
  response.setHeader('content-type', 'text/html; charset=utf-8');
  response.end(
    `<!doctype html><html lang="en"><head><title>${title}</title></head><body><main><h1>${title}</h1>${body}</main></body></html>`,
  );
}

function json(response: ServerResponse, status: number, body: object): void {
  response.statusCode = status;
  response.setHeader('content-type', 'application/json');
  response.setHeader('cache-control', 'no-store');
  response.end(JSON.stringify(body));
}

function redirect(response: ServerResponse, location: string): void {
  response.statusCode = 303;
  response.setHeader('location', location);
  response.end();
}

const cookie = (request: IncomingMessage) => new RegExp(`(?:^|; )${COOKIE}=([^;]+)`).exec(request.headers.cookie ?? '')?.[1];

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function form(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString());
}
