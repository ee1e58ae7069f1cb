import type { FastifyPluginAsync } from 'fastify';
import type { Config } from '../../config/config.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../lib/logger.js';
import { createMailer } from '../../mail/mail-service.js';
import { createSmtpTransport, type MailTransport } from '../../mail/mail-transport.js';
import { createOutboxRepo } from '../../mail/outbox-repo.js';
import { outboxRoutes } from '../../mail/outbox-routes.js';
import { createOutboxWorker, type OutboxWorker, type OutboxWorkerPolicy } from '../../mail/outbox-worker.js';
import { createAuditRepo } from '../audit/audit-repo.js';
import { auditRoutes } from '../audit/audit-routes.js';
import { createAuditService } from '../audit/audit-service.js';
import { createOrganisationsRepo } from '../organisations/organisations-repo.js';
import { organisationsRoutes } from '../organisations/organisations-routes.js';
import { createOrganisationsService } from '../organisations/organisations-service.js';
import { exportAccountData } from '../privacy/data-export.js';
import { defaultRetentionPolicy, startRetentionJob } from '../privacy/retention-job.js';
import { createSettingsRepo } from '../settings/settings-repo.js';
import { settingsRoutes } from '../settings/settings-routes.js';
import { createSettingsService } from '../settings/settings-service.js';
import { defaultSessionPolicy, type SessionPolicy } from './accounts-fns.js';
import { createUsersRepo } from './accounts-repo.js';
import { createAuthHttp, type AuthHttp } from './auth-http.js';
import { createAuthLimits } from './auth-limits.js';
import { authRoutes } from './auth-routes.js';
import { createAuthService, defaultLinkLifetimes } from './auth-service.js';
import { createBootstrapService } from './bootstrap-service.js';
import { hostsRoutes } from './hosts-routes.js';
import { createHostsService } from './hosts-service.js';
import { createPasswordHasher, type PasswordHasher } from './password-hasher.js';
import { profileRoutes } from './profile-routes.js';
import { createProfileService } from './profile-service.js';
import { createSessionsRepo } from './sessions-repo.js';
import { createTokensRepo } from './tokens-repo.js';
import { createTotpService } from './totp-service.js';
import { loadSecretKey, SecretBox } from '../../lib/secret-box.js';

export interface AccountsDeps {
  db: Database;
  config: Config;
  logger: Logger;
  /** The clock every expiry is measured with; tests inject one. */
  now?: () => Date;
  /** Overrides the SMTP transport built from config.smtpUrl (tests). */
  mailTransport?: MailTransport;
  outboxPolicy?: Partial<OutboxWorkerPolicy>;
  sessionPolicy?: SessionPolicy;
  passwords?: PasswordHasher;
}

export interface AccountsModule {
  /** Fastify plugins to pass to buildApp's `features`. */
  routes: FastifyPluginAsync[];
  /** Set on the very first start with SEED_DEMO: print once, it is not stored. */
  firstAdmin?: { email: string; password: string };
  /** Session and CSRF checks for other features' routes (and the signalling upgrade). */
  auth: AuthHttp;
  /** Stops the outbox worker and retention job. Idempotent. */
  close(): Promise<void>;
}

/** Wires accounts, organisations, audit, settings and mail; starts the outbox worker and the retention job. */
export async function startAccounts(deps: AccountsDeps): Promise<AccountsModule> {
  const { db, config, logger } = deps;
  const now = deps.now ?? (() => new Date());
  const baseUrl = config.baseUrl ?? `http://localhost:${config.port}`;
  const sessionPolicy = deps.sessionPolicy ?? defaultSessionPolicy;
  const links = defaultLinkLifetimes;
  const passwords = deps.passwords ?? createPasswordHasher();
  const limits = createAuthLimits(() => now().getTime());

  const users = createUsersRepo(db);
  const sessions = createSessionsRepo(db);
  const tokens = createTokensRepo(db);
  const organisationsRepo = createOrganisationsRepo(db);
  const auditRepo = createAuditRepo(db);
  const outboxRepo = createOutboxRepo(db);

  const audit = createAuditService({ repo: auditRepo, now });
  const settings = createSettingsService({ db, repo: createSettingsRepo(db), audit, logger, now });

  const transport = deps.mailTransport ?? (config.smtpUrl ? createSmtpTransport(config.smtpUrl) : undefined);
  let worker: OutboxWorker | undefined;
  if (transport) {
    worker = createOutboxWorker({
      repo: outboxRepo,
      transport,
      from: config.mailFrom,
      logger,
      now,
      ...(deps.outboxPolicy ? { policy: deps.outboxPolicy } : {}),
    });
  }
  const mailer = createMailer({
    repo: outboxRepo,
    settings,
    baseUrl,
    now,
    ...(worker ? { onQueued: worker.wake } : {}),
  });

  const secrets = new SecretBox(await loadSecretKey(config));
  const totp = createTotpService({ db, users, tokens, passwords, audit, settings, limits, secrets, now });
  const auth = createAuthService({
    db,
    users,
    sessions,
    tokens,
    passwords,
    totp,
    audit,
    mailer,
    limits,
    baseUrl,
    now,
    sessionPolicy,
    links,
  });
  const profile = createProfileService({
    db,
    users,
    sessions,
    tokens,
    passwords,
    audit,
    mailer,
    limits,
    baseUrl,
    now,
    links,
  });
  const organisations = createOrganisationsService({ db, repo: organisationsRepo, users, audit, now });
  const hosts = createHostsService({
    db,
    users,
    sessions,
    tokens,
    organisations: organisationsRepo,
    auth,
    audit,
    mailer,
    defaultLanguage: async () => (await settings.get()).defaultLanguage,
    now,
  });
  const http = createAuthHttp({ auth, settings, baseUrl: config.baseUrl, cookieSecure: config.cookieSecure });

  const firstAdmin = config.seedDemo
    ? await createBootstrapService({
        db,
        users,
        tokens,
        organisations: organisationsRepo,
        passwords,
        audit,
        baseUrl,
        now,
        links,
      }).seedDemo()
    : undefined;

  worker?.start();
  const retention = startRetentionJob({
    users,
    sessions,
    tokens,
    audit: auditRepo,
    outbox: outboxRepo,
    policy: { ...defaultRetentionPolicy, sessionIdleMs: sessionPolicy.idleMs },
    now,
    logger,
  });

  const children = [
    authRoutes({ http, auth, profile, settings }),
    profileRoutes({
      http,
      auth,
      profile,
      totp,
      settings,
      exportData: (userId) => exportAccountData(db, userId, now()),
    }),
    hostsRoutes({ http, hosts }),
    organisationsRoutes({ http, organisations }),
    auditRoutes({ http, audit }),
    settingsRoutes({ http, settings }),
    outboxRoutes({ http, repo: outboxRepo, smtpConfigured: transport !== undefined }),
  ];
  // One encapsulating plugin, so that the Origin check guards exactly these routes. Registering is synchronous.
  const api: FastifyPluginAsync = (app) => {
    app.addHook('onRequest', http.originGuard);
    for (const addRoutes of children) {
      addRoutes(app);
    }
    return Promise.resolve();
  };

  let closing: Promise<void> | undefined;
  return {
    routes: [api],
    ...(firstAdmin ? { firstAdmin } : {}),
    auth: http,
    close() {
      closing ??= (async () => {
        await retention.close();
        await worker?.close();
      })();
      return closing;
    },
  };
}
