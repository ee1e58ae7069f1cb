import { AppError } from '../../http/errors.js';
import { parseInput } from '../../http/validate.js';
import type { SettingsService } from '../settings/settings-service.js';
import { hashToken } from './accounts-fns.js';
import {
  loginBodySchema,
  meResponseSchema,
  resetRequestBodySchema,
  setupBodySchema,
  tokenBodySchema,
} from './accounts-schemas.js';
import type { AuthHttp, RouteRegistrar } from './auth-http.js';
import type { AuthService } from './auth-service.js';
import type { ProfileService } from './profile-service.js';

export interface AuthRoutesDeps {
  http: AuthHttp;
  auth: AuthService;
  profile: Pick<ProfileService, 'confirmEmailChange'>;
  settings: Pick<SettingsService, 'get'>;
}

/**
 * Logging in and out, the current user, and the one-time links (set-up, password reset, email change).
 * `request.ip` is only a throttling key here; the limiter keeps an HMAC of it in memory, never the address.
 */
export function authRoutes(deps: AuthRoutesDeps): RouteRegistrar {
  return (app) => {
    app.post('/api/auth/login', async (request, reply) => {
      const body = parseInput(loginBodySchema, request.body);
      const previous = deps.http.sessionToken(request);
      const { token, expiresAt } = await deps.auth.login(body, request.ip);
      if (previous) {
        await deps.auth.logout(hashToken(previous));
      }
      const actor = await deps.auth.authenticate(token);
      if (!actor) {
        throw new AppError('internal_error', 500, 'Something went wrong on our side.');
      }
      deps.http.setSessionCookie(reply, token, expiresAt);
      const { requireAdminTotp } = await deps.settings.get();
      return meResponseSchema.parse(deps.auth.me(actor, requireAdminTotp));
    });

    app.get('/api/auth/me', async (request) => {
      const actor = await deps.http.requireUser(request);
      const { requireAdminTotp } = await deps.settings.get();
      return meResponseSchema.parse(deps.auth.me(actor, requireAdminTotp));
    });

    app.post('/api/auth/logout', async (request, reply) => {
      try {
        const actor = await deps.http.requireUser(request);
        await deps.auth.logout(actor.sessionHash);
      } catch (error) {
        // Without a valid session there is nothing to end; a failed CSRF check still refuses.
        if (!(error instanceof AppError && error.code === 'unauthorized')) {
          throw error;
        }
      }
      deps.http.clearSessionCookie(reply);
      return reply.status(204).send();
    });

    app.post('/api/auth/logout-all', async (request, reply) => {
      const actor = await deps.http.requireUser(request);
      await deps.auth.logoutAll(actor);
      deps.http.clearSessionCookie(reply);
      return reply.status(204).send();
    });

    app.post('/api/auth/setup', async (request) => {
      const body = parseInput(setupBodySchema, request.body);
      return deps.auth.completeSetup(body, request.ip);
    });

    app.post('/api/auth/password-reset/request', async (request, reply) => {
      const body = parseInput(resetRequestBodySchema, request.body);
      await deps.auth.requestPasswordReset(body, request.ip);
      return reply.status(202).send();
    });

    app.post('/api/auth/password-reset/confirm', async (request) => {
      const body = parseInput(setupBodySchema, request.body);
      return deps.auth.confirmPasswordReset(body, request.ip);
    });

    app.post('/api/auth/email-change/confirm', async (request, reply) => {
      const body = parseInput(tokenBodySchema, request.body);
      await deps.profile.confirmEmailChange(body, request.ip);
      return reply.status(204).send();
    });
  };
}
