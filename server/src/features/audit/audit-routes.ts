import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import { auditListResponseSchema, auditQuerySchema } from './audit-schemas.js';
import type { AuditService } from './audit-service.js';

export interface AuditRoutesDeps {
  http: AuthHttp;
  audit: AuditService;
}

/** `GET /api/admin/audit`: newest first, filtered by actor, organisation, action (prefix) and time. */
export function auditRoutes(deps: AuditRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/admin/audit', async (request) => {
      await deps.http.requireAdmin(request);
      const query = parseInput(auditQuerySchema, request.query);
      const { items, total } = await deps.audit.list(query);
      return auditListResponseSchema.parse({
        items: items.map((entry) => ({ ...entry, at: entry.at.toISOString() })),
        total,
      });
    });
  };
}
