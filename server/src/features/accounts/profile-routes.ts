import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { parseInput } from '../../http/validate.js';
import { unauthorized } from '../../http/errors.js';
import type { AccountDataExport } from '../privacy/data-export.js';
import type { SettingsService } from '../settings/settings-service.js';
import {
  emailSchema,
  languageSchema,
  meResponseSchema,
  nameSchema,
  newPasswordSchema,
  passwordInputSchema,
  recoveryCodeSchema,
  totpCodeSchema,
} from './accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from './auth-http.js';
import type { AuthService } from './auth-service.js';
import type { ProfileService } from './profile-service.js';
import type { TotpService } from './totp-service.js';

export interface ProfileRoutesDeps {
  http: AuthHttp;
  auth: Pick<AuthService, 'me'>;
  profile: ProfileService;
  totp: TotpService;
  settings: Pick<SettingsService, 'get'>;
  /** GDPR Art. 15/20: the account's data as JSON (privacy/data-export.ts). */
  exportData: (userId: string) => Promise<AccountDataExport | undefined>;
}

const profileUpdateSchema = z
  .object({ name: nameSchema, language: languageSchema })
  .partial()
  .refine((patch) => Object.keys(patch).length > 0, 'nothing to change');
const emailChangeSchema = z.object({ newEmail: emailSchema, password: passwordInputSchema });
const passwordChangeSchema = z.object({
  currentPassword: passwordInputSchema,
  newPassword: newPasswordSchema,
});
const passwordBodySchema = z.object({ password: passwordInputSchema });
const totpConfirmSchema = z.object({ code: totpCodeSchema });
const totpDisableSchema = z
  .object({
    password: passwordInputSchema,
    totpCode: totpCodeSchema.optional(),
    recoveryCode: recoveryCodeSchema.optional(),
  })
  .refine((body) => body.totpCode !== undefined || body.recoveryCode !== undefined, 'a code is required');

/** The logged-in user's own account and second factor. */
export function profileRoutes(deps: ProfileRoutesDeps): RouteRegistrar {
  return (app) => {
    /** The account as it is now, in the shape of GET /api/auth/me. */
    async function present(request: FastifyRequest) {
      const actor = await deps.http.requireUser(request);
      const { requireAdminTotp } = await deps.settings.get();
      return meResponseSchema.parse(deps.auth.me(actor, requireAdminTotp));
    }

    app.get('/api/profile', (request) => present(request));

    app.get('/api/profile/export', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const data = await deps.exportData(actor.userId);
      if (!data) {
        throw unauthorized();
      }
      return reply
        .header('content-disposition', 'attachment; filename="treffpunkt-meine-daten.json"')
        .header('cache-control', 'no-store')
        .send(data);
    });

    app.patch('/api/profile', async (request) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(profileUpdateSchema, request.body);
      await deps.profile.update(actor, body);
      return present(request);
    });

    app.post('/api/profile/email', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(emailChangeSchema, request.body);
      await deps.profile.requestEmailChange(actor, body);
      return reply.status(202).send();
    });

    app.post('/api/profile/password', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(passwordChangeSchema, request.body);
      await deps.profile.changePassword(actor, body);
      return reply.status(204).send();
    });

    app.post('/api/profile/totp/enrol', async (request) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(passwordBodySchema, request.body);
      const { associationName } = await deps.settings.get();
      return deps.totp.enrol(actor, body.password, `Treffpunkt ${associationName}`.slice(0, 100));
    });

    app.post('/api/profile/totp/confirm', async (request) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(totpConfirmSchema, request.body);
      return deps.totp.confirm(actor, body.code);
    });

    app.post('/api/profile/totp/disable', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      const body = parseInput(totpDisableSchema, request.body);
      await deps.totp.disable(actor, body);
      return reply.status(204).send();
    });
  };
}
