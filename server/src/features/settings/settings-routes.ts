import { parseInput } from '../../http/validate.js';
import type { AuthHttp, RouteRegistrar } from '../accounts/auth-http.js';
import { publicSettingsResponseSchema, settingsSchema, settingsUpdateSchema } from './settings-schemas.js';
import type { SettingsService } from './settings-service.js';

export interface SettingsRoutesDeps {
  http: AuthHttp;
  settings: SettingsService;
}

/** Instance settings: full for platform admins, the public part (privacy notice, imprint, name) for anyone. */
export function settingsRoutes(deps: SettingsRoutesDeps): RouteRegistrar {
  return (app) => {
    app.get('/api/public/settings', async () =>
      publicSettingsResponseSchema.parse(await deps.settings.get()),
    );

    app.get('/api/admin/settings', async (request) => {
      await deps.http.requireAdmin(request);
      return settingsSchema.parse(await deps.settings.get());
    });

    app.put('/api/admin/settings', async (request) => {
      const actor = await deps.http.requireAdmin(request);
      const body = parseInput(settingsUpdateSchema, request.body);
      return settingsSchema.parse(await deps.settings.update(actor, body));
    });
  };
}
