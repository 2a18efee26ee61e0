import type { RouteDoc } from '../route-doc.js';
import { ADMIN_ROUTE_DOCS } from './admin.js';
import { CREDENTIAL_ROUTE_DOCS } from './credentials.js';
import { PAGE_ROUTE_DOCS } from './pages.js';
import { PARTNER_ROUTE_DOCS } from './partners.js';
import { PUBLIC_DATA_ROUTE_DOCS } from './public-data.js';
import { REGISTRY_ROUTE_DOCS } from './registry.js';
import { PASSKEY_ROUTE_DOCS } from './passkeys.js';
import { MY_PAGE_ROUTE_DOCS } from './my-pages.js';
import { SIGN_IN_ROUTE_DOCS } from './sign-in.js';
import { BACK_OFFICE_ROUTE_DOCS } from './back-office/index.js';

/**
 * Every operation of the app, grouped as the route files are. test/http/openapi.test.ts compares
 * this with the routes createApp registers, so a new route without a line here fails the build.
 */
export const ROUTE_DOCS: RouteDoc[] = [...PUBLIC_DATA_ROUTE_DOCS, ...REGISTRY_ROUTE_DOCS, ...CREDENTIAL_ROUTE_DOCS, ...PARTNER_ROUTE_DOCS, ...ADMIN_ROUTE_DOCS, ...PAGE_ROUTE_DOCS, ...PASSKEY_ROUTE_DOCS, ...MY_PAGE_ROUTE_DOCS, ...SIGN_IN_ROUTE_DOCS, ...BACK_OFFICE_ROUTE_DOCS];
