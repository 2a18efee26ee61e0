// oidc-provider 9 ships no type declarations (its @types package lags behind): the small part the
// test provider uses, typed loosely on purpose.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface OidcGrant {
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface OidcContext {
    oidc: {
      result?: { consent?: { grantId?: string } };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      client?: { clientId: string };
      provider: Provider;
    };
    type: string;
    body: unknown;
  }

  export default class Provider {
    constructor(issuer: string, configuration: Record<string, unknown> & {
      findAccount?(ctx: OidcContext, sub: string): Promise<{ accountId: string; claims(): Promise<Record<string, unknown>> } | undefined>;
      loadExistingGrant?(ctx: OidcContext): Promise<OidcGrant | undefined>;
      renderError?(ctx: OidcContext, out: Record<string, unknown>, error: unknown): void | Promise<void>;
    });
    Grant: {
      new (init: { clientId: string; accountId: string }): OidcGrant;
      find(id: string): Promise<OidcGrant | undefined>;
    };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }
}
