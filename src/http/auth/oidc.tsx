// Sign-in with the organizations' OpenID Connect provider (GビズID in production):
// GET /auth/oidc/login → the provider → GET /auth/oidc/callback → a session, or a page saying why not.
import { Hono, type Context } from 'hono';
import { randomSecret, secretHash } from '../../domain/accounts/secrets.js';
import type { OidcIdentity } from '../../domain/services/accounts.js';
import { SignInRefused, type IdentityProvider } from '../../ports/identity-provider.js';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { inLangFor, localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { safeNext, webLang, webPage } from '../web/page.js';
import { NoOrganizationPage, WebErrorPage } from '../web/sign-in-pages.js';
import { untrustedJoin } from '../web/account-type-messages.js';
import { flowCookie, sessionCookie } from './session.js';
import { mayRegister, offerSelfRegistration, selfRegistrationOffered } from './oidc-registration.js';

/** A sign-in left half-way (the provider's page abandoned) expires after this. */
const FLOW_TTL_SECONDS = 10 * 60;

/** What the login step keeps for the callback, tied to the browser by the flow cookie. */
interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  lang: Lang;
  extra: string | null;
}

function asFlow(data: unknown): OidcFlow | null {
  const flow = data as Partial<OidcFlow> | null;
  if (!flow || typeof flow !== 'object') return null;
  const { state, nonce, codeVerifier, next, lang, extra } = flow;
  if (typeof state !== 'string' || typeof nonce !== 'string' || typeof codeVerifier !== 'string' || typeof next !== 'string') return null;
  return { state, nonce, codeVerifier, next, lang: lang === 'en' ? 'en' : 'ja', extra: typeof extra === 'string' ? extra : null };
}

/**
 * The OAuth state: random, with the language the sign-in began in after a dot (base64url has
 * none). The provider sends the state back on the callback, whose address is fixed and names no
 * language: so a callback whose flow is lost (its cookie expired, or another browser) can still
 * answer in the language the person chose, not the browser's.
 */
const stateFor = (lang: Lang) => `${randomSecret()}.${lang}`;

/** The callback's language: its own ?lang= first, else the one its state carries (stateFor), else the browser's. */
function callbackLang(c: Context<AppEnv>): Lang {
  if (c.req.query('lang') === 'ja' || c.req.query('lang') === 'en') return webLang(c);
  const carried = /\.(ja|en)$/.exec(c.req.query('state') ?? '')?.[1] as Lang | undefined;
  return carried ?? webLang(c);
}

const SIGN_IN_FAILED: Bilingual = { ja: 'ログインできませんでした', en: 'Sign-in failed' };
const BACK_TO_LOGIN = { ja: 'ログインページに戻る', en: 'Back to sign-in' };

/** What the person is told for a refusal: never the reason code itself (that goes to the audit log). */
function refusalMessage(reason: string, name: Bilingual): Bilingual {
  if (reason === 'provider-error:access_denied') {
    return { ja: `${name.ja}でのログインが取り消されました。もう一度ログインしてください。`, en: `The sign-in at ${name.en} was cancelled. Please sign in again.` };
  }
  if (reason.startsWith('provider-unavailable')) {
    return { ja: `${name.ja}に接続できませんでした。時間をおいて再度お試しください。`, en: `${name.en} could not be reached. Please retry later.` };
  }
  if (reason === 'flow-missing') {
    return {
      ja: 'ログインの手続きが見つかりません。時間が経ちすぎたか、すでに完了したか、別のブラウザで開かれた可能性があります。ログインページからもう一度お試しください。',
      en: 'This sign-in could not be found: it took too long, was already completed, or was opened in another browser. Please start again from the sign-in page.',
    };
  }
  return {
    ja: `${name.ja}からの応答を確認できなかったため、ログインを中止しました。ログインページからもう一度お試しください。`,
    en: `The answer from ${name.en} could not be verified, so the sign-in was stopped. Please start again from the sign-in page.`,
  };
}

/** One provider's sign-in: its paths, its provider, and what a vouched-for identity leads to. */
export interface OidcSignIn {
  /** '/auth/oidc' (organizations, GビズID) or '/auth/staff-oidc' (the secretariat's provider). */
  base: string;
  provider: IdentityProvider | null;
  /** Where a refusal page sends the person back to. */
  loginPath: string;
  /** Named in the messages: GビズID, or the secretariat's provider. */
  providerName: Bilingual;
  /** Extra state the login step keeps for the callback (a staff invitation token). */
  extra?: (c: Context<AppEnv>) => string | null;
  /** next when none is given, and the rule for a given one. */
  next: (c: Context<AppEnv>, lang: Lang) => string;
  /** After the provider vouched for the person: open the session (and answer), or a page saying why not. */
  signIn: (c: Context<AppEnv>, identity: OidcIdentity, flow: { next: string; lang: Lang; extra: string | null }) => Promise<Response>;
}

/**
 * GET {base}/login and {base}/callback (API contract, "Sign-in"). The flow's secrets (state,
 * nonce, PKCE verifier) stay on the server, keyed by the hash of a random id in a short-lived
 * cookie; the callback takes them once, so a replayed or forged callback finds nothing. Every
 * refusal is audited with its reason and shows a plain page; no session is made.
 */
export function oidcSignInRoutes(registry: Registry, publicBaseUrl: string, options: OidcSignIn) {
  const { web } = registry;
  const kind = options.base.slice('/auth/'.length);
  const flows = flowCookie(publicBaseUrl, kind);
  const now = () => registry.deps.clock.now().getTime();
  const app = new Hono<AppEnv>();
  /** Back to the sign-in page, keeping where the person was going (already sanitised when the flow began). */
  const back = (lang: Lang, next?: string) => ({ href: localHref(options.loginPath, lang, { next }), label: BACK_TO_LOGIN });

  const notConfigured = (c: Context<AppEnv>) => {
    const lang = webLang(c);
    const name = options.providerName;
    return webPage(
      c,
      <WebErrorPage lang={lang} title={{ ja: '見つかりません', en: 'Not found' }} message={{ ja: `この登録簿では${name.ja}でのログインを利用できません。`, en: `Sign-in with ${name.en} is not available on this registry.` }} back={back(lang)} />,
      404,
    );
  };

  /**
   * Audits the refusal and answers with the page: 400 for a callback that does not hold up, 502
   * when the provider cannot be reached or is misconfigured (not the visitor's doing).
   */
  async function refuse(c: Context<AppEnv>, reason: string, lang: Lang, next?: string, providerFault = reason.startsWith('provider-unavailable')) {
    await web.accounts.recordRefusedSignIn(kind, reason, c.var.requestId ?? null);
    const message = refusalMessage(providerFault ? 'provider-unavailable' : reason, options.providerName);
    const page = await webPage(c, <WebErrorPage lang={lang} title={SIGN_IN_FAILED} message={message} back={back(lang, next)} />, 400);
    return providerFault ? new Response(page.body, { status: 502, headers: page.headers }) : page;
  }

  app.get(`${options.base}/login`, async (c) => {
    const provider = options.provider;
    if (!provider) return notConfigured(c);
    const lang = webLang(c);
    const flow: OidcFlow = { state: stateFor(lang), nonce: randomSecret(), codeVerifier: randomSecret(), next: options.next(c, lang), lang, extra: options.extra?.(c) ?? null };
    let target: URL;
    try {
      target = await provider.authorizationUrl(flow);
    } catch (error) {
      // Nothing came from the visitor yet: discovery failed or the metadata is not the configured issuer's.
      if (error instanceof SignInRefused) return refuse(c, error.reason, lang, flow.next, true);
      throw error;
    }
    const flowId = randomSecret();
    await web.flows.put(await secretHash(flowId), kind, flow, now() + FLOW_TTL_SECONDS * 1000);
    flows.write(c, flowId, FLOW_TTL_SECONDS);
    return c.redirect(target.href, 302);
  });

  app.get(`${options.base}/callback`, async (c) => {
    const provider = options.provider;
    if (!provider) return notConfigured(c);
    const flowId = flows.read(c);
    // The flow is single-use whatever happens next: the cookie goes, and take() deletes the row.
    flows.clear(c);
    const flow = flowId && flowId.length <= 100 ? asFlow(await web.flows.take(await secretHash(flowId), kind, now())) : null;
    if (!flow) return refuse(c, 'flow-missing', callbackLang(c));

    let identity;
    try {
      identity = await provider.complete({ callbackUrl: new URL(c.req.url), expected: flow });
    } catch (error) {
      if (error instanceof SignInRefused) return refuse(c, error.reason, flow.lang, flow.next);
      throw error;
    }
    // The callback names no language: where the person goes names the one they signed in with,
    // else a browser preferring the other language would open it in that one.
    return options.signIn(c, identity, { ...flow, next: inLangFor(flow.next, flow.lang, c.req.header('accept-language')) });
  });

  return app;
}

/** 403 for a GビズID account an owner removed from its company: why, and the way back (a new invitation). */
function removedMessage(organizationName: string): { title: Bilingual; message: Bilingual } {
  return {
    title: { ja: 'この団体へのアクセスは削除されています', en: 'Your access to this organization was removed' },
    message: {
      ja: `${organizationName}の管理者が、このGビズIDアカウントをメンバーから外しました。再び参加するには、${organizationName}の管理者に招待を依頼し、届いた招待リンクのページで「GビズIDで参加」を選んでください。`,
      en: `An owner of ${organizationName} removed this gBizID account from its members. To join again, ask an owner of ${organizationName} to invite you, then choose "Join with gBizID" on the invitation link's page.`,
    },
  };
}

/** The organizations' sign-in with GビズID: a matching 法人番号 makes the account a member. */
export function oidcRoutes({ registry, publicBaseUrl }: { registry: Registry; publicBaseUrl: string }) {
  const { web } = registry;
  const session = sessionCookie(publicBaseUrl);
  return oidcSignInRoutes(registry, publicBaseUrl, {
    base: '/auth/oidc',
    provider: web.oidc,
    loginPath: '/login',
    providerName: { ja: 'GビズID', en: 'gBizID' },
    // A /join link followed with GビズID: the invitation's token, checked again at the callback.
    extra: (c) => c.req.query('invitation') ?? null,
    next: (c, lang) => safeNext(c.req.query('next'), lang),
    async signIn(c, identity, flow) {
      const found = flow.extra ? await web.invitations.lookup(flow.extra) : null;
      const outcome = await web.accounts.signInWithOidc(identity, c.var.requestId ?? null, found?.kind === 'valid' ? found.invitation : null);
      if (outcome.kind === 'no-organization') {
        // A company not registered yet may register itself (OIDC_SELF_REGISTRATION): what GビズID
        // vouched for is kept on the server for the form, the browser holding only a random id.
        // An account whose type is not trusted (GビズID Entry) is told why instead of being offered it.
        const offered = selfRegistrationOffered(registry) && mayRegister(outcome.corporateNumber);
        const untrustedType = offered && !web.accounts.trustsAccountType(identity);
        const selfRegistration = offered && !untrustedType;
        if (selfRegistration) await offerSelfRegistration(registry, publicBaseUrl, c, identity, flow.lang);
        // 403: the provider vouched for the person, but they may act for no organization here (yet).
        return webPage(c, <NoOrganizationPage lang={flow.lang} corporateNumber={outcome.corporateNumber} next={flow.next} selfRegistration={selfRegistration} untrustedAccountType={untrustedType} />, 403);
      }
      if (outcome.kind === 'untrusted-account-type') return webPage(c, <WebErrorPage lang={flow.lang} {...untrustedJoin(outcome.organization.name)} back={{ href: localHref('/login', flow.lang), label: BACK_TO_LOGIN }} />, 403);
      if (outcome.kind === 'removed') return webPage(c, <WebErrorPage lang={flow.lang} {...removedMessage(outcome.organization.name)} back={{ href: localHref('/login', flow.lang), label: BACK_TO_LOGIN }} />, 403);
      // A session this browser had before (another account, or the same) ends: one browser, one session.
      if (c.var.web) await registry.deps.uow.commit([web.sessions.end(c.var.web.idHash)]);
      session.write(c, outcome.sessionId, web.settings.sessionAbsoluteHours * 3600);
      return c.redirect(flow.next, 303);
    },
  });
}
