import { Hono } from 'hono';
import type { Registry } from '../../registry.js';
import type { AppEnv } from '../env.js';
import { readOptionalJson, requireSignedIn } from '../request.js';

/**
 * POST /api/v1/organizations/{id}/invitations (administrators): a one-time link to join the
 * organization with a passkey. The token is in `url` only, in this answer; the registry keeps
 * its hash. DELETE …/invitations/{invitationId} cancels an open one: its link stops working.
 * The use case authorizes (an organization's API token may not invite: 403).
 */
export function invitationRoutes(registry: Registry) {
  return new Hono<AppEnv>()
    .post('/organizations/:id/invitations', async (c) => {
      const ctx = requireSignedIn(c);
      const input = await readOptionalJson<{ role?: string; email?: string }>(c, 'invitation');
      const created = await registry.web.invitations.create(ctx, c.req.param('id'), input);
      // The link is a secret until used: never kept by a cache on the way.
      c.header('Cache-Control', 'no-store');
      return c.json({ id: created.invitation.id, url: created.url, expiresAt: created.expiresAt, role: created.invitation.role, email: created.invitation.email, mailed: created.mailed }, 201);
    })
    .delete('/organizations/:id/invitations/:invitationId', async (c) => {
      await registry.web.invitations.cancel(requireSignedIn(c), c.req.param('id'), c.req.param('invitationId'));
      return c.body(null, 204);
    });
}
