import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import { AppError, forbidden, unauthorized } from '../../http/errors.js';
import { isSameOrigin } from '../../http/origin.js';
import type { SettingsService } from '../settings/settings-service.js';
import { safeEqual } from './accounts-fns.js';
import type { Actor, AuthService } from './auth-service.js';

export interface AuthHttpDeps {
  auth: Pick<AuthService, 'authenticate'>;
  settings: Pick<SettingsService, 'get'>;
  baseUrl: string | undefined;
  cookieSecure: boolean;
}

/** Adds a feature's routes to the accounts API plugin, which applies the Origin check to all of them. */
export type RouteRegistrar = (app: FastifyInstance) => void;

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const tokenShape = /^[A-Za-z0-9_-]{43}$/;

/**
 * The HTTP side of sessions and CSRF protection. State-changing requests must pass two independent checks:
 * 1. `originGuard`: the Origin header is our own (http/origin.ts) — for every POST/PUT/PATCH/DELETE, logged in
 *    or not, which also stops login CSRF;
 * 2. `requireUser`: with a session, the `x-csrf-token` header equals the session's CSRF token (from
 *    GET /api/auth/me or the login answer), which a page on another site cannot read.
 * The cookie itself is HttpOnly, SameSite=Strict, and Secure with a `__Host-` name when cookies are secure.
 */
export function createAuthHttp(deps: AuthHttpDeps) {
  const cookieName = deps.cookieSecure ? '__Host-tp_session' : 'tp_session';

  function sessionToken(request: FastifyRequest): string | undefined {
    const value = request.cookies[cookieName];
    return value !== undefined && tokenShape.test(value) ? value : undefined;
  }

  async function requireUser(request: FastifyRequest): Promise<Actor> {
    const token = sessionToken(request);
    const actor = token === undefined ? undefined : await deps.auth.authenticate(token);
    if (!actor) {
      throw unauthorized();
    }
    if (stateChanging.has(request.method)) {
      const header = request.headers['x-csrf-token'];
      if (typeof header !== 'string' || !safeEqual(header, actor.csrfToken)) {
        throw new AppError('csrf_failed', 403, 'This request could not be verified. Please reload the page.');
      }
    }
    return actor;
  }

  /** The session's user, or undefined: for a WebSocket upgrade, which carries the cookie but no CSRF header. */
  async function optionalUser(request: FastifyRequest): Promise<Actor | undefined> {
    const token = sessionToken(request);
    return token === undefined ? undefined : deps.auth.authenticate(token);
  }

  const originGuard: onRequestHookHandler = (request, _reply, done) => {
    if (
      stateChanging.has(request.method) &&
      !isSameOrigin(request.headers.origin, request.headers.host, deps.baseUrl)
    ) {
      done(new AppError('forbidden_origin', 403, 'This request is not allowed from another site.'));
      return;
    }
    done();
  };

  return {
    cookieName,
    sessionToken,
    requireUser,
    optionalUser,
    originGuard,

    /** A platform admin; when instance settings require it, one who has enrolled a second factor. */
    async requireAdmin(request: FastifyRequest): Promise<Actor> {
      const actor = await requireUser(request);
      if (actor.role !== 'platform_admin') {
        throw forbidden();
      }
      if (!actor.totpEnabled && (await deps.settings.get()).requireAdminTotp) {
        throw new AppError('totp_enrolment_required', 403, 'Please set up two-factor authentication first.');
      }
      return actor;
    },

    setSessionCookie(reply: FastifyReply, token: string, expiresAt: Date): void {
      reply.setCookie(cookieName, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.cookieSecure,
        expires: expiresAt,
      });
    },

    clearSessionCookie(reply: FastifyReply): void {
      reply.clearCookie(cookieName, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: deps.cookieSecure,
      });
    },
  };
}

export type AuthHttp = ReturnType<typeof createAuthHttp>;
