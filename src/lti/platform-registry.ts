import type { LtijsProvider } from 'ltijs';
import { AppError } from '../shared/errors.js';
import type { Registration, RegistrationInput, RegistrationStatus, RegistrationStore } from './ports.js';

export interface RegisterPlatformInput extends Omit<RegistrationInput, 'status'> {
  authorizationServer?: string | null;
  deploymentIds: string[];
  status?: RegistrationStatus;
}

/**
 * Registrations live twice: in ltijs's tables (keys, endpoints it validates launches with) and
 * in the tool's own (tenancy, deployments, approval). These use cases keep both in step.
 */
export function createPlatformRegistry(provider: LtijsProvider, store: RegistrationStore) {
  async function syncLtijsStatus(issuer: string, clientId: string, status: RegistrationStatus): Promise<void> {
    const platform = await provider.getPlatform(issuer, clientId);
    if (platform) await platform.platformActive(status === 'active');
  }

  async function requireRegistration(id: string): Promise<Registration> {
    const registration = await store.findById(id);
    if (!registration) throw new AppError('REGISTRATION_NOT_FOUND', 404, `No registration with id ${id}.`);
    return registration;
  }

  return {
    list: () => store.list(),

    async registerPlatform(input: RegisterPlatformInput): Promise<Registration> {
      const existing = await store.find(input.issuer, input.clientId);
      const status = existing?.status ?? input.status ?? 'active';
      await provider.registerPlatform({
        url: input.issuer,
        clientId: input.clientId,
        name: input.name,
        authenticationEndpoint: input.authEndpoint,
        accesstokenEndpoint: input.tokenEndpoint,
        authorizationServer: input.authorizationServer ?? input.tokenEndpoint,
        authConfig: { method: 'JWK_SET', key: input.jwksUri },
      });
      const saved = await store.save({ ...input, status }, input.deploymentIds);
      await syncLtijsStatus(input.issuer, input.clientId, status);
      return saved;
    },

    async setStatus(id: string, status: RegistrationStatus): Promise<Registration> {
      const registration = await requireRegistration(id);
      await store.setStatus(id, status);
      await syncLtijsStatus(registration.issuer, registration.clientId, status);
      return { ...registration, status };
    },

    async removeDeployment(id: string, deploymentId: string): Promise<void> {
      await requireRegistration(id);
      if (!(await store.removeDeployment(id, deploymentId))) {
        throw new AppError('DEPLOYMENT_NOT_FOUND', 404, `Registration ${id} has no deployment ${deploymentId}.`);
      }
    },

    async removePlatform(id: string): Promise<Registration> {
      const registration = await requireRegistration(id);
      await provider.deletePlatform(registration.issuer, registration.clientId);
      await store.remove(id);
      return registration;
    },
  };
}

export type PlatformRegistry = ReturnType<typeof createPlatformRegistry>;
