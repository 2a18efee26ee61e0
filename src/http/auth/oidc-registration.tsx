// A company registers itself after GビズID vouched for the person (OIDC_SELF_REGISTRATION):
// the callback keeps what GビズID said on the server (offerSelfRegistration), GET /auth/oidc/register
// shows the form, POST registers the company, makes the person its owner and signs them in.
import { Hono, type Context } from 'hono';
import { randomSecret, secretHash } from '../../domain/accounts/secrets.js';
import { DomainError } from '../../domain/errors.js';
import { isLocalGovernmentCorporateNumber, isValidCorporateNumber, normalizeDigits } from '../../domain/identifiers.js';
import type { OidcIdentity } from '../../domain/services/accounts.js';
import type { Registry } from '../../registry.js';
import { emptyValues, lookupFailed, lookupFound, organizationFormErrors, organizationInput, organizationProblems, prefill, valuesOfForm, type FormValues, type LookupOutcome } from '../admin/organizations-form.js';
import type { FormErrors } from '../admin/form-errors.js';
import { readBodyBytes } from '../body.js';
import type { AppEnv } from '../env.js';
import { formatDate } from '../pages/format.js';
import { localHref, type Bilingual, type Lang } from '../pages/i18n.js';
import { isUtf8Form, MAX_FORM_BYTES, notUtf8Form } from '../web/form.js';
import { webLang, webPage } from '../web/page.js';
import { SELF_REGISTRATION_PATH, SelfRegistrationPage, SelfRegistrationStopPage } from '../web/self-registration-page.js';
import { WebErrorPage } from '../web/sign-in-pages.js';
import { UNTRUSTED_REGISTRATION } from '../web/account-type-messages.js';
import { checkCsrf, flowCookie, sessionCookie } from './session.js';

/** Long enough to look the company up and fill in the form; a registration left longer must begin at GビズID again. */
const REGISTRATION_TTL_SECONDS = 30 * 60;
const KIND = 'oidc-registration';

/** What GビズID vouched for, kept on the server for the form's post: the browser holds only a random id. */
interface SelfRegistration {
  identity: OidcIdentity;
  lang: Lang;
  /** The form's CSRF token (there is no session yet). */
  csrf: string;
  expiresAt: number;
}

function asRegistration(data: unknown): SelfRegistration | null {
  const r = data as Partial<SelfRegistration> | null;
  const identity = r?.identity;
  if (!r || typeof r.csrf !== 'string' || typeof r.expiresAt !== 'number' || !identity || typeof identity.issuer !== 'string' || typeof identity.subject !== 'string') return null;
  if (typeof identity.corporateNumber !== 'string' || !mayRegister(identity.corporateNumber)) return null;
  // A registration kept before accounts had a type has none (then it is untrusted when types are configured).
  return { identity: { ...identity, accountType: typeof identity.accountType === 'string' ? identity.accountType : null }, lang: r.lang === 'en' ? 'en' : 'ja', csrf: r.csrf, expiresAt: r.expiresAt };
}

/** A company's 法人番号 as GビズID sent it: valid, and not a local government's (municipalities are registered by the secretariat). */
export const mayRegister = (corporateNumber: string | null): corporateNumber is string => {
  const digits = corporateNumber ? normalizeDigits(corporateNumber) : '';
  return isValidCorporateNumber(digits) && !isLocalGovernmentCorporateNumber(digits);
};

const GONE: { title: Bilingual; message: Bilingual } = {
  title: { ja: '登録の手続きが見つかりません', en: 'This registration could not be found' },
  message: {
    ja: '団体の登録の手続きは、GビズIDでログインしてから30分で無効になり、一度だけ使えます。時間が経ちすぎたか、すでに登録が済んだか、別のブラウザで開かれた可能性があります。GビズIDでもう一度ログインしてください（登録が済んでいれば、団体のページが開きます）。',
    en: 'A registration works once, for 30 minutes after signing in with gBizID. It took too long, was already completed, or was opened in another browser. Please sign in with gBizID again (if the registration was completed, your organization’s page opens).',
  },
};

const registeredMeanwhile = (corporateNumber: string): { title: Bilingual; message: Bilingual } => ({
  title: { ja: 'この法人はすでに登録されています', en: 'This company is registered now' },
  message: {
    ja: `法人番号 ${corporateNumber} の団体は、この登録の手続きを始めた後に登録簿に登録されました（事務局などによる登録）。入力した内容は保存していません。GビズIDでもう一度ログインすると、その団体のメンバーになります。`,
    en: `An organization with the corporate number ${corporateNumber} was registered after you began this registration (by the secretariat, for instance). What you entered was not saved. Sign in with gBizID again to become its member.`,
  },
});

const closedCorporation = (corporateNumber: string, closeDate: string | null): { title: Bilingual; message: Bilingual } => {
  const on = closeDate ? { ja: `（${formatDate(closeDate, 'ja')}）`, en: ` (${formatDate(closeDate, 'en')})` } : { ja: '', en: '' };
  return {
    title: { ja: 'この法人は登録できません', en: 'This company cannot be registered' },
    message: {
      ja: `国税庁の法人番号公表サイトによると、法人番号 ${corporateNumber} の法人は登記記録が閉鎖されています${on.ja}。閉鎖された法人は自己宣言できないため、登録しませんでした。誤りと思われる場合は、事務局にお問い合わせください。`,
      en: `According to the National Tax Agency's Corporate Number Publication Site, the registration of the corporation ${corporateNumber} was closed${on.en}. A closed corporation cannot declare, so it was not registered. If you think this is wrong, contact the secretariat.`,
    },
  };
};

/** When the lookup cannot fill the form in, the person is told plainly to type the details. */
const TYPE_THEM: Bilingual = { ja: '名称・都道府県などを入力してください。', en: 'Please enter the name, prefecture and the rest yourself.' };
const NO_LOOKUP: Bilingual = { ja: 'この登録簿では、法人番号から名称・所在地を自動で入力できません。', en: 'This registry does not fill in the name and address from the corporate number.' };

const NOT_AVAILABLE: { title: Bilingual; message: Bilingual } = {
  title: { ja: '見つかりません', en: 'Not found' },
  message: { ja: 'この登録簿では、GビズIDによる団体の登録を利用できません。', en: 'Registering an organization with gBizID is not available on this registry.' },
};

/** The registration's cookie and its server-side record, for the callback and the form's routes. */
function registrations(registry: Registry, publicBaseUrl: string) {
  const cookie = flowCookie(publicBaseUrl, KIND);
  const now = () => registry.deps.clock.now().getTime();
  return {
    /** Keeps what GビズID vouched for, for 30 minutes, tied to this browser. */
    async start(c: Context, identity: OidcIdentity, lang: Lang) {
      const id = randomSecret();
      const registration: SelfRegistration = { identity, lang, csrf: randomSecret(), expiresAt: now() + REGISTRATION_TTL_SECONDS * 1000 };
      await registry.web.flows.put(await secretHash(id), KIND, registration, registration.expiresAt);
      cookie.write(c, id, REGISTRATION_TTL_SECONDS);
    },
    /** This browser's registration, unused and unexpired; null otherwise (a forged id finds nothing). */
    async current(c: Context): Promise<{ idHash: string; registration: SelfRegistration } | null> {
      const id = cookie.read(c);
      if (!id || id.length > 100) return null;
      const idHash = await secretHash(id);
      const registration = asRegistration(await registry.web.flows.peek(idHash, KIND, now()));
      return registration ? { idHash, registration } : null;
    },
    /** Uses it up; false when another post used it first. */
    async take(c: Context, idHash: string): Promise<boolean> {
      cookie.clear(c);
      return asRegistration(await registry.web.flows.take(idHash, KIND, now())) !== null;
    },
    /** Puts a taken registration back (the use case refused the form: it may be sent again). */
    async putBack(c: Context, idHash: string, registration: SelfRegistration) {
      await registry.web.flows.put(idHash, KIND, registration, registration.expiresAt);
      const id = cookie.read(c);
      if (id) cookie.write(c, id, Math.max(1, Math.floor((registration.expiresAt - now()) / 1000)));
    },
  };
}

/** Whether the registry offers self-registration: GビズID configured and OIDC_SELF_REGISTRATION on. */
export const selfRegistrationOffered = (registry: Registry) => registry.web.oidc !== null && registry.web.settings.oidcSelfRegistration;

/** After the callback: keeps the identity for the form (the callback's page then offers it). */
export function offerSelfRegistration(registry: Registry, publicBaseUrl: string, c: Context, identity: OidcIdentity, lang: Lang) {
  return registrations(registry, publicBaseUrl).start(c, { ...identity, corporateNumber: normalizeDigits(identity.corporateNumber ?? '') }, lang);
}

/** GET and POST /auth/oidc/register (404 unless selfRegistrationOffered). */
export function selfRegistrationRoutes({ registry, publicBaseUrl }: { registry: Registry; publicBaseUrl: string }) {
  const { web } = registry;
  const kept = registrations(registry, publicBaseUrl);
  const session = sessionCookie(publicBaseUrl);

  const stop = (c: Context<AppEnv>, lang: Lang, page: { title: Bilingual; message: Bilingual }, status: 403 | 404 | 409 | 410, signInAgain = true) =>
    webPage(c, <SelfRegistrationStopPage lang={lang} {...page} signInAgain={signInAgain} />, status);

  /**
   * What the 法人番号 lookup (NTA) says of the company: a closed one is refused; a found one fills
   * the form in; none, a failure or no lookup configured: the person types the details (said so).
   */
  async function lookUp(corporateNumber: string, lang: Lang): Promise<{ closed: { closeDate: string | null } } | { values?: (v: FormValues) => FormValues; outcome: LookupOutcome }> {
    const source = web.corporateLookup.source;
    const typeThem = (...why: string[]): LookupOutcome => ({ kind: 'info', lines: [...why, TYPE_THEM[lang]] });
    if (source === null) return { outcome: typeThem(NO_LOOKUP[lang]) };
    try {
      const record = await web.corporateLookup.lookup(corporateNumber);
      if (!record) return { outcome: typeThem(lang === 'ja' ? `国税庁の法人番号公表サイトで法人番号 ${corporateNumber} の法人が見つかりませんでした。` : `The National Tax Agency's site has no corporation with the corporate number ${corporateNumber}.`) };
      if (record.closed) return { closed: { closeDate: record.closeDate } };
      return { values: (v) => prefill(v, record), outcome: lookupFound(record, source, lang) };
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return { outcome: typeThem(...lookupFailed(error, lang).lines) };
    }
  }

  /** The form's values as typed, its kind and 法人番号 GビズID's whatever was posted. */
  const companyValues = (values: FormValues, corporateNumber: string): FormValues => ({ ...values, kind: 'company', corporateNumber, localGovernmentCode: '' });

  return new Hono<AppEnv>()
    .get(SELF_REGISTRATION_PATH, async (c) => {
      const lang = webLang(c);
      if (!selfRegistrationOffered(registry)) return stop(c, lang, NOT_AVAILABLE, 404, false);
      const found = await kept.current(c);
      if (!found) return stop(c, lang, GONE, 410);
      const { identity, csrf } = found.registration;
      // Begun before OIDC_TRUSTED_ACCOUNT_TYPES was set (the callback no longer offers it to such an account).
      if (!web.accounts.trustsAccountType(identity)) return stop(c, lang, UNTRUSTED_REGISTRATION, 403, false);
      const corporateNumber = identity.corporateNumber!;
      if (await registry.deps.repos.organizations.getByCorporateNumber(corporateNumber)) return stop(c, lang, registeredMeanwhile(corporateNumber), 409);
      const looked = await lookUp(corporateNumber, lang);
      if ('closed' in looked) return stop(c, lang, closedCorporation(corporateNumber, looked.closed.closeDate), 403, false);
      const blank: FormValues = { ...emptyValues(), contactName: identity.name?.trim() ?? '', contactEmail: identity.email ?? '' };
      const values = companyValues(looked.values ? looked.values(blank) : blank, corporateNumber);
      return webPage(c, <SelfRegistrationPage lang={lang} corporateNumber={corporateNumber} csrf={csrf} values={values} lookup={looked.outcome} />);
    })
    .post(SELF_REGISTRATION_PATH, async (c) => {
      const lang = webLang(c);
      if (!selfRegistrationOffered(registry)) return stop(c, lang, NOT_AVAILABLE, 404, false);
      const bytes = await readBodyBytes(c, MAX_FORM_BYTES);
      const form = new URLSearchParams(new TextDecoder().decode(bytes));
      const found = await kept.current(c);
      if (!found) return stop(c, lang, GONE, 410);
      const { idHash, registration } = found;
      // The form's token is the registration's (no session yet); a post from another site is refused
      // before anything is read, and its page leads back to the form (not to /my: no session yet).
      try {
        checkCsrf(c, publicBaseUrl, form.get('csrf'), registration.csrf);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const back = { href: localHref(SELF_REGISTRATION_PATH, lang), label: { ja: '登録のフォームを開き直す', en: 'Open the registration form again' } };
        return webPage(c, <WebErrorPage lang={lang} title={{ ja: 'この操作はできません', en: 'Not allowed' }} message={{ ja: error.ja, en: error.en }} back={back} />, 403);
      }
      if (!isUtf8Form(bytes)) throw notUtf8Form();
      if (!web.accounts.trustsAccountType(registration.identity)) return stop(c, lang, UNTRUSTED_REGISTRATION, 403, false);
      const corporateNumber = registration.identity.corporateNumber!;
      const values = companyValues(valuesOfForm(form), corporateNumber);
      const formAgain = (errors: FormErrors) =>
        webPage(c, <SelfRegistrationPage lang={lang} corporateNumber={corporateNumber} csrf={registration.csrf} values={values} errors={errors} />, 400);
      const problems = organizationProblems(values);
      if (problems) return formAgain(problems);
      // Checked again at the post: the form's page may have been skipped.
      const looked = await lookUp(corporateNumber, lang);
      if ('closed' in looked) return stop(c, lang, closedCorporation(corporateNumber, looked.closed.closeDate), 403, false);
      if (!(await kept.take(c, idHash))) return stop(c, lang, GONE, 410);
      try {
        const outcome = await web.accounts.registerWithOidc(registration.identity, organizationInput(values), c.var.requestId ?? null);
        if (outcome.kind !== 'signed-in') return stop(c, lang, GONE, 410);
        // A session this browser had before (another account) ends: one browser, one session.
        if (c.var.web) await registry.deps.uow.commit([web.sessions.end(c.var.web.idHash)]);
        session.write(c, outcome.sessionId, web.settings.sessionAbsoluteHours * 3600);
        return c.redirect(localHref('/my', lang), 303);
      } catch (error) {
        if (error instanceof DomainError && error.kind === 'conflict') return stop(c, lang, registeredMeanwhile(corporateNumber), 409);
        if (!(error instanceof DomainError) || error.kind !== 'validation') throw error;
        await kept.putBack(c, idHash, registration);
        return formAgain(organizationFormErrors(error, values));
      }
    });
}
